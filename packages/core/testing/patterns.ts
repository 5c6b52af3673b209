/**
 * The two `matches` engines the platforms inject: re2js (the Node.js SDK) and V8's linear-time
 * engine (the functions). Core tests run on both; each must give the core's portable semantics.
 */

import { linearPatterns } from '../../../lambdas/adapters/linear-patterns.js';
import { re2Patterns } from '../../node-sdk/src/re2-patterns.js';
import type { PatternEngine } from '../src/index.js';

export { linearPatterns, re2Patterns };

export const engines: readonly (readonly [name: string, engine: PatternEngine])[] = [
  ['re2js', re2Patterns],
  ['V8 linear', linearPatterns],
];
