/**
 * `matches` patterns in a portable form: one syntax that RE2 (the SDKs' engine) and JavaScript's
 * non-Unicode regular expressions (V8's linear-time engine, on the servers) read with the same
 * meaning, so that the API accepts exactly the patterns every evaluator runs and every evaluator
 * answers alike. The accepted syntax is listed in docs/evaluation.md.
 */

/** An unanchored search of one value, as prepared by {@link portableInput}. */
export type PatternTest = (value: string) => boolean;

/**
 * A linear-time regular expression engine: a backtracking one takes exponential time on patterns
 * such as `^(a+)+$`, and while patterns come from flag authors the values come from anyone.
 *
 * @example
 * ```ts
 * import { RE2JS } from 're2js';
 * const re2: PatternEngine = {
 *   compile(portable) {
 *     const pattern = RE2JS.compile(portable);
 *     return (value) => pattern.test(value);
 *   },
 * };
 * createEvaluator({ flags }, { patterns: re2 });
 * ```
 */
export interface PatternEngine {
  /** Compiles a pattern {@link compilePattern} returned; `undefined` (or a throw) if it cannot run it. */
  compile(portable: string): PatternTest | undefined;
}

/** Counted repetitions are written out; this bounds what one pattern may expand to. */
const MAX_PORTABLE_LENGTH = 4096;
/** RE2's own bound on a repetition count. */
const MAX_COUNT = 1000;
const MAX_DEPTH = 100;

/**
 * Values reach the engines with each astral character (and each lone surrogate) as U+FFFF, which no
 * portable pattern can name: one character to both engines, whatever their string model (RE2 reads
 * code points, non-Unicode JavaScript reads UTF-16 units).
 */
const SURROGATE = /[\uD800-\uDFFF]/;
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
const PLACEHOLDER = 0xffff;

/**
 * A context value as the engines must see it (see {@link compilePattern}).
 *
 * @example
 * ```ts
 * portableInput('a😀'); // → 'a\uFFFF'
 * ```
 */
export function portableInput(value: string): string {
  return SURROGATE.test(value) ? value.replace(SURROGATES, '\uFFFF') : value;
}

class Rejected extends Error {}

const reject = (): never => {
  throw new Rejected();
};

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isAsciiPunctuation = (code: number) =>
  (code >= 0x21 && code <= 0x2f) ||
  (code >= 0x3a && code <= 0x40) ||
  (code >= 0x5b && code <= 0x60) ||
  (code >= 0x7b && code <= 0x7e);

/** Characters with a meaning in either syntax, inside a class or out. */
const SYNTAX = '\\^$.*+?()[]{}|/-';

/** One character, written so that both syntaxes read it as itself (inside a class or out). */
function literal(code: number): string {
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  const c = String.fromCharCode(code);
  return SYNTAX.includes(c) ? `\\${c}` : c;
}

/** RE2's `\s`; JavaScript's also holds `\v` and Unicode spaces, so it is never emitted. */
const SPACE = '\\x09\\x0a\\x0c\\x0d ';

/** A quantifiable piece of the portable pattern: one character, class or group. */
interface Atom {
  readonly text: string;
  readonly quantifiable: boolean;
}

class Translator {
  private i = 0;

  constructor(private readonly source: string) {}

  translate(): string {
    const out = this.alternation(0);
    if (this.i < this.source.length) reject();
    return out;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.i + offset];
  }

  private alternation(depth: number): string {
    if (depth > MAX_DEPTH) reject();
    const branches = [this.sequence(depth)];
    while (this.peek() === '|') {
      this.i += 1;
      branches.push(this.sequence(depth));
    }
    return bounded(branches.join('|'));
  }

  private sequence(depth: number): string {
    let out = '';
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom(depth);
      out = bounded(out + this.quantified(atom));
    }
    return out;
  }

  private quantified(atom: Atom): string {
    const c = this.peek();
    let min: number;
    let max: number | undefined;
    if (c === '*' || c === '+' || c === '?') {
      this.i += 1;
      [min, max] = c === '*' ? [0, undefined] : c === '+' ? [1, undefined] : [0, 1];
    } else if (c === '{') {
      [min, max] = this.counts();
    } else {
      return atom.text;
    }
    if (!atom.quantifiable) reject();
    // Laziness changes which match is found, never whether there is one.
    if (this.peek() === '?') this.i += 1;
    if (this.peek() === '*' || this.peek() === '+' || this.peek() === '?' || this.peek() === '{') reject();
    if (min === 0 && max === undefined) return `${atom.text}*`;
    if (min === 1 && max === undefined) return `${atom.text}+`;
    if (min === 0 && max === 1) return `${atom.text}?`;
    // Written out: V8's linear engine refuses a count above 16.
    const copies = min + (max === undefined ? 1 : max - min);
    if (copies * (atom.text.length + 1) > MAX_PORTABLE_LENGTH) reject();
    const required = atom.text.repeat(min);
    return max === undefined ? `${required}${atom.text}*` : `${required}${`${atom.text}?`.repeat(max - min)}`;
  }

  /** `{n}`, `{n,}` or `{n,m}`, anything else after `{` being an error in one syntax or a literal in the other. */
  private counts(): [number, number | undefined] {
    this.i += 1;
    const min = this.number();
    let max: number | undefined = min;
    if (this.peek() === ',') {
      this.i += 1;
      max = this.peek() === '}' ? undefined : this.number();
    }
    if (this.peek() !== '}' || (max !== undefined && max < min)) reject();
    this.i += 1;
    return [min, max];
  }

  private number(): number {
    const start = this.i;
    while (isDigit(this.peek())) this.i += 1;
    if (this.i === start || this.i - start > 4) reject();
    const value = Number(this.source.slice(start, this.i));
    if (value > MAX_COUNT) reject();
    return value;
  }

  private atom(depth: number): Atom {
    const c = this.peek() as string;
    this.i += 1;
    switch (c) {
      case '(': {
        if (this.peek() === '?') {
          if (this.peek(1) !== ':') reject();
          this.i += 2;
        }
        const inner = this.alternation(depth + 1);
        if (this.peek() !== ')') reject();
        this.i += 1;
        return { text: `(?:${inner})`, quantifiable: true };
      }
      case '[':
        return { text: this.charClass(), quantifiable: true };
      case '.':
        return { text: '[^\\n]', quantifiable: true };
      case '^':
      case '$':
        return { text: c, quantifiable: false };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
        return reject();
      default:
        return { text: literal(this.character(c)), quantifiable: true };
    }
  }

  /** A character of the pattern itself; surrogates and U+FFFF are reserved (see {@link portableInput}). */
  private character(c: string | undefined): number {
    if (c === undefined) return reject();
    const code = c.charCodeAt(0);
    if ((code >= 0xd800 && code <= 0xdfff) || code === PLACEHOLDER) reject();
    return code;
  }

  private escape(): Atom {
    const c = this.peek();
    this.i += 1;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return { text: `\\${c}`, quantifiable: true };
      case 's':
        return { text: `[${SPACE}]`, quantifiable: true };
      case 'S':
        return { text: `[^${SPACE}]`, quantifiable: true };
      case 'b':
      case 'B':
        return { text: `\\${c}`, quantifiable: false };
      default:
        this.i -= 1;
        return { text: literal(this.escapedCharacter()), quantifiable: true };
    }
  }

  /** After `\`: a control character, `\xHH` or escaped punctuation. */
  private escapedCharacter(): number {
    const c = this.peek();
    this.i += 1;
    const control = c === undefined ? undefined : CONTROL_ESCAPES[c];
    if (control !== undefined) return control;
    if (c === 'x' && isHex(this.peek()) && isHex(this.peek(1))) {
      this.i += 2;
      return Number.parseInt(this.source.slice(this.i - 2, this.i), 16);
    }
    if (c !== undefined && isAsciiPunctuation(c.charCodeAt(0))) return c.charCodeAt(0);
    return reject();
  }

  private charClass(): string {
    let out = '[';
    if (this.peek() === '^') {
      this.i += 1;
      out += '^';
    }
    // `[]a]` and `[^]` mean different things to the two syntaxes.
    if (this.peek() === ']') reject();
    while (this.peek() !== ']') {
      const c = this.peek();
      if (c === undefined || c === '[') reject();
      if (c === '\\' && 'dDwWs'.includes(this.peek(1) ?? '')) {
        const shorthand = this.peek(1) as string;
        this.i += 2;
        // `[\d-z]`: a range to RE2 (an error), a literal `-` to JavaScript.
        if (this.peek() === '-' && this.peek(1) !== ']') reject();
        out += shorthand === 's' ? SPACE : `\\${shorthand}`;
        continue;
      }
      const low = this.classCharacter();
      if (this.peek() === '-' && this.peek(1) !== ']') {
        this.i += 1;
        const high = this.classCharacter();
        if (high < low) reject();
        out += `${literal(low)}-${literal(high)}`;
      } else {
        out += literal(low);
      }
    }
    this.i += 1;
    return `${out}]`;
  }

  private classCharacter(): number {
    const c = this.peek();
    if (c === '\\') {
      this.i += 1;
      return this.escapedCharacter();
    }
    this.i += 1;
    return this.character(c);
  }
}

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };

function bounded(text: string): string {
  if (text.length > MAX_PORTABLE_LENGTH) reject();
  return text;
}

/**
 * The portable form of a `matches` operand, or `undefined` for a pattern outside the accepted syntax
 * (the API refuses such a pattern; an evaluator never matches it). The portable form spells out
 * what the two syntaxes read differently: `.` as `[^\n]`, `\s` as RE2's `[\t\n\f\r ]`, counted
 * repetitions written out, groups non-capturing. Engines run it on {@link portableInput}'s values.
 *
 * @example
 * ```ts
 * compilePattern('^(Ann|Bob)\\s.{2}$'); // → '^(?:Ann|Bob)[\\x09\\x0a\\x0c\\x0d ][^\\n][^\\n]$'
 * compilePattern('(?=a)a'); // → undefined: lookaround runs in no linear-time engine
 * ```
 */
export function compilePattern(source: string): string | undefined {
  try {
    return new Translator(source).translate();
  } catch (error) {
    if (error instanceof Rejected) return undefined;
    throw error;
  }
}
