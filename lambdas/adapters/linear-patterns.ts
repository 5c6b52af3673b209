import { setFlagsFromString } from 'node:v8';
import type { PatternEngine } from '@switchboard/core';

/** The flag of V8's linear-time RegExps; TypeScript and Biome know only the standard flags. */
const LINEAR: string = 'l';

// V8's linear-time engine ships behind a flag; RegExps created after it is set accept the `l` flag,
// and refuse (SyntaxError) what they cannot run in linear time. Set here, once per process, and
// checked at once: without it every `matches` clause would silently never match.
setFlagsFromString('--enable-experimental-regexp-engine');
try {
  new RegExp('', LINEAR);
} catch (cause) {
  throw new Error("V8's linear-time RegExp engine is unavailable in this Node.js", { cause });
}

/**
 * The functions' engine for `matches`: V8's own linear-time engine (no library in the bundle),
 * running the portable patterns of `@switchboard/core` with the same answers as the SDKs' re2js.
 *
 * @example
 * ```ts
 * createEvaluator({ flags, segments }, { patterns: linearPatterns });
 * ```
 */
export const linearPatterns: PatternEngine = {
  compile(portable) {
    let regexp: RegExp;
    try {
      regexp = new RegExp(portable, LINEAR);
    } catch {
      return undefined;
    }
    return (value) => regexp.test(value);
  },
};
