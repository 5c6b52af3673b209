import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { engines, linearPatterns, re2Patterns } from '../testing/patterns.js';
import { compilePattern, type PatternTest, portableInput } from './index.js';

describe('compilePattern', () => {
  it.each([
    ['^(Ann|Bob)[a-z]*$', '^(?:Ann|Bob)[a-z]*$'],
    ['a.c', 'a[^\\n]c'],
    ['\\s\\S', '[\\x09\\x0a\\x0c\\x0d ][^\\x09\\x0a\\x0c\\x0d ]'],
    ['[\\s\\d_]', '[\\x09\\x0a\\x0c\\x0d \\d_]'],
    ['a{3}', 'aaa'],
    ['a{1,3}?', 'aa?a?'],
    ['(ab){2,}', '(?:ab)(?:ab)(?:ab)*'],
    ['x{0}', ''],
    ['\\x41\\t\\.', 'A\\x09\\.'],
    ['[a\\-z]', '[a\\-z]'],
    ['[-a]', '[\\-a]'],
    ['\\bcorp\\.io$', '\\bcorp\\.io$'],
    ['caf\u00e9|€', 'caf\u00e9|€'],
    ['}]', '\\}\\]'],
    ['', ''],
  ])('accepts %j as %j', (source, portable) => {
    expect(compilePattern(source)).toBe(portable);
  });

  it.each([
    ['(', 'an unclosed group'],
    [')', 'an unopened group'],
    ['[a', 'an unclosed class'],
    ['(?=a)a', 'lookahead'],
    ['(?<!a)b', 'lookbehind'],
    ['(a)\\1', 'a backreference'],
    ['(?i)ab', 'inline flags (RE2 only)'],
    ['(?P<name>a)', 'named groups'],
    ['(?<name>a)', 'named groups'],
    ['\\pL', 'Unicode classes (RE2 only)'],
    ['\\p{L}', 'Unicode classes (Unicode-mode JavaScript only)'],
    ['[[:alpha:]]', 'POSIX classes (RE2 only)'],
    ['\\Qa.b\\E', 'quoting (RE2 only)'],
    ['\\Aab\\z', 'text anchors (RE2 only)'],
    ['\\u0041', '\\u escapes (JavaScript only)'],
    ['\\x{41}', '\\x{…} escapes (RE2 only)'],
    ['[]a]', 'a leading ] (a literal to RE2, an empty class to JavaScript)'],
    ['[^]', 'an empty negated class'],
    ['[\\d-z]', 'a range from a shorthand'],
    ['[\\S]', '\\S inside a class'],
    ['[\\b]', '\\b inside a class'],
    ['[z-a]', 'a reversed range'],
    ['*a', 'a quantifier with nothing to repeat'],
    ['^*', 'a quantified anchor'],
    ['a**', 'a quantified quantifier'],
    ['a{2', 'an unclosed count'],
    ['a{,2}', 'a count without minimum'],
    ['a{3,2}', 'a reversed count'],
    ['a{1001}', 'a count above 1000'],
    ['(?:a{100}){100}', 'an expansion longer than 4,096 characters'],
    ['😀', 'an astral character'],
    ['\uffff', 'U+FFFF, the placeholder of astral characters'],
    ['a\\', 'a trailing backslash'],
    ['\\0', 'an octal escape'],
    ['\\k', 'an unknown letter escape'],
  ])('refuses %j: %s', (source) => {
    expect(compilePattern(source)).toBeUndefined();
  });

  it('refuses deep nesting without overflowing the stack', () => {
    expect(compilePattern(`${'('.repeat(5000)}a${')'.repeat(5000)}`)).toBeUndefined();
  });
});

describe('portableInput', () => {
  it('turns each astral character and each lone surrogate into one U+FFFF', () => {
    expect(portableInput('a😀b\uD800c\uDC00')).toBe('a\uFFFFb\uFFFFc\uFFFF');
    const plain = 'plain';
    expect(portableInput(plain)).toBe(plain);
  });
});

// The corpus: patterns drawn from the accepted syntax, and values from an alphabet on which the two
// syntaxes would differ if the portable form did not spell them out (\v, \r, U+00A0, astral, lone
// surrogates, a newline for `.`).
const literal = fc.constantFrom(
  'a',
  'b',
  'Z',
  '0',
  '9',
  '_',
  ' ',
  'é',
  '€',
  '\\.',
  '\\-',
  '\\*',
  '\\n',
  '\\x41',
  '/',
);
const classItem = fc.constantFrom(
  'a',
  'b-f',
  '0-9',
  '\\d',
  '\\w',
  '\\s',
  '\\D',
  '\\W',
  '_',
  'é',
  '\\n',
  ' ',
  '\\-',
);
const charClass = fc
  .tuple(fc.boolean(), fc.array(classItem, { minLength: 1, maxLength: 3 }))
  .map(([negated, items]) => `[${negated ? '^' : ''}${items.join('')}]`);
const shorthand = fc.constantFrom('.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S');
const quantifier = fc.constantFrom('', '', '*', '+', '?', '*?', '{2}', '{0,2}', '{1,3}?', '{2,}');
const anchor = fc.constantFrom('^', '$', '\\b', '\\B');

const { pattern } = fc.letrec<{ pattern: string; atom: string; piece: string }>((tie) => ({
  pattern: fc
    .array(
      fc.array(tie('piece'), { maxLength: 4 }).map((pieces) => pieces.join('')),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((branches) => branches.join('|')),
  atom: fc.oneof(
    { maxDepth: 2, depthSize: 'small', withCrossShrink: true },
    literal,
    shorthand,
    charClass,
    tie('pattern').map((inner) => `(${inner})`),
  ),
  piece: fc.oneof(
    fc.tuple(tie('atom'), quantifier).map(([atom, q]) => atom + q),
    anchor,
  ),
}));

const unit = fc.constantFrom(
  'a',
  'b',
  'c',
  'Z',
  '0',
  '5',
  '_',
  ' ',
  '.',
  '-',
  '*',
  '/',
  'A',
  'é',
  '€',
  '\n',
  '\r',
  '\t',
  '\v',
  '\f',
  '\u00a0',
  '\u2028',
  '😀',
);
const value = fc.oneof(
  fc.string({ unit, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom('a', '\uD800', '\uDC00', '😀'), maxLength: 6 }),
);

/**
 * Patterns of the syntax are accepted unless their counted repetitions, written out, pass the
 * length bound: `undefined` for those (checked to be accepted without the counts).
 */
function compiledOrTooLong(source: string): [re2: PatternTest, linear: PatternTest] | undefined {
  if (compilePattern(source) === undefined) {
    expect(compilePattern(source.replace(/\{[0-9,]+\}/g, '?')), JSON.stringify(source)).toBeDefined();
    return undefined;
  }
  const [, re2, linear] = compiled(source);
  return [re2, linear];
}

function compiled(source: string): [portable: string, re2: PatternTest, linear: PatternTest] {
  const portable = compilePattern(source);
  expect(portable, `compilePattern(${JSON.stringify(source)})`).toBeDefined();
  const re2 = re2Patterns.compile(portable as string);
  const linear = linearPatterns.compile(portable as string);
  expect(re2, `re2js runs ${JSON.stringify(portable)}`).toBeDefined();
  expect(linear, `V8 runs ${JSON.stringify(portable)}`).toBeDefined();
  return [portable as string, re2 as PatternTest, linear as PatternTest];
}

describe('the engines on portable patterns', () => {
  it('accept every pattern of the syntax and answer alike on every value', () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (source, values) => {
        const engines = compiledOrTooLong(source);
        if (engines === undefined) return;
        const [re2, linear] = engines;
        for (const text of values) {
          const input = portableInput(text);
          expect(linear(input), `${JSON.stringify(source)} on ${JSON.stringify(text)}`).toBe(re2(input));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("keep RE2's meaning: an accepted pattern answers as re2js answers its source", () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (source, values) => {
        const [, linear] = compiledOrTooLong(source) ?? [];
        if (linear === undefined) return;
        const reference = RE2JS.compile(source);
        for (const text of values) {
          // re2js reads a lone surrogate its own way; the portable form reads it as any astral character.
          if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) continue;
          expect(linear(portableInput(text)), `${JSON.stringify(source)} on ${JSON.stringify(text)}`).toBe(
            reference.test(text),
          );
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('accept only what RE2 accepts, whatever the source text', () => {
    const syntax = fc.string({
      unit: fc.constantFrom(...'ab()[]{}|^$.*+?\\-,:=!<>PdswbDSWBx0129^uUkQEAzpL'.split('')),
      maxLength: 10,
    });
    fc.assert(
      fc.property(syntax, fc.array(value, { maxLength: 4 }), (source, values) => {
        if (compilePattern(source) === undefined) return;
        const [, re2, linear] = compiled(source);
        const reference = RE2JS.compile(source);
        for (const text of values) {
          const input = portableInput(text);
          expect(linear(input)).toBe(re2(input));
          if (!/[\uD800-\uDFFF]/.test(text)) expect(re2(input)).toBe(reference.test(text));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each(engines)(
    '%s runs one-pass patterns (re2js swaps in its DFA) as re2js does by default',
    (_name, engine) => {
      for (const source of [
        '^(Ann|Bob)[a-z]*$',
        '^al',
        '^[a-z]+@corp\\.io$',
        '^x(y|z)?$',
        '^[0-9]+-[A-Z]+$',
      ]) {
        const reference = RE2JS.compile(source);
        expect(reference.re2Input.onepass).not.toBeNull();
        const test = engine.compile(compilePattern(source) as string) as PatternTest;
        fc.assert(
          fc.property(
            fc.oneof(fc.string({ unit: fc.constantFrom(...'AnnBobalxyz@corp.io0129-ABü\n') }), value),
            (text) => {
              expect(test(portableInput(text))).toBe(reference.test(text));
            },
          ),
          { numRuns: 300 },
        );
      }
    },
  );
});
