import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { engines } from '../testing/patterns.js';
import { compileOperator } from './operators.js';

type Row = [op: string, contextValue: unknown, clauseValues: unknown[], expected: boolean];

const rows: Row[] = [
  ['in', 'a', ['a', 'b'], true],
  ['in', 'c', ['a', 'b'], false],
  ['in', 1, [1], true],
  ['in', 1, [true], false],
  ['in', true, [1], false],
  ['in', 0, [false], false],
  ['in', '1', [1], false],
  ['in', { a: 1 }, [{ a: 1 }], false],
  ['in', [1], [[1]], false],
  ['in', 3, [1, 2, 3, 'x', true], true],
  // `null` is a JSON primitive too: it meets a `null` element of an array attribute.
  ['in', null, [null], true],
  ['in', null, ['x', null], true],
  ['in', null, ['null'], false],
  ['startsWith', 'prefixabc', ['prefix'], true],
  ['startsWith', 'Prefixabc', ['prefix'], false],
  ['startsWith', 99, ['99'], false],
  ['endsWith', 'abcsuffix', ['nope', 'suffix'], true],
  ['endsWith', 'suffixno', ['suffix'], false],
  ['contains', 'abcsubstringxyz', ['substring'], true],
  ['contains', true, ['true'], false],
  ['matches', 'matchThisName', ['^[A-Za-z]+'], true],
  ['matches', '_nope', ['^[A-Za-z]+'], false],
  ['matches', 'xaby', ['ab'], true],
  ['matches', 'anything', ['(unclosed'], false],
  ['matches', 'b', ['(unclosed', 'b'], true],
  ['matches', 99, ['99'], false],
  ['lessThan', 99, [100], true],
  ['lessThan', 100, [100], false],
  ['lessThan', 150, [100, 200], true],
  ['lessThan', '99', [100], false],
  ['lessThanOrEqual', 100, [100], true],
  ['greaterThan', 100.1, [100], true],
  ['greaterThan', 100, [100], false],
  ['greaterThan', 150, [200, 100], true],
  ['greaterThanOrEqual', 100, [100], true],
  ['greaterThanOrEqual', 99, ['1'], false],
  ['before', 1512543600000, ['2017-12-06T07:00:01Z'], true],
  ['before', '2017-12-06T00:00:00-07:00', [1512543600001], true],
  ['before', '2017-12-06T00:00:00-07:00', [1512543600000], false],
  ['after', '2017-12-06T07:00:00.001Z', ['2017-12-06T00:00:00-07:00'], true],
  ['after', '2017-12-06', ['2000-01-01T00:00:00Z'], false],
  ['after', '1512543600000', [0], false],
  ['after', true, [0], false],
  ['semVerEqual', '2.0.0', ['2.0.0'], true],
  ['semVerEqual', '2', ['2.0.0'], true],
  ['semVerEqual', '2.0.0+build', ['2.0.0'], true],
  ['semVerEqual', 'v2.0.0', ['2.0.0'], false],
  ['semVerEqual', 2, ['2.0.0'], false],
  ['semVerLessThan', '2.0.0-rc', ['2.0.0'], true],
  ['semVerLessThan', '2.0.0-rc.2', ['2.0.0-rc.10'], true],
  ['semVerGreaterThan', '2.0.0-rc.2.red', ['2.0.0-rc.2.green'], true],
  ['semVerGreaterThan', '1.9.9', ['2.0.0'], false],
  ['unknownOperator', 'a', ['a'], false],
];

describe.each(rows)('%s(%j, %j)', (op, contextValue, clauseValues, expected) => {
  it.each(engines)(`is ${expected} (patterns on %s)`, (_name, patterns) => {
    const test = compileOperator(op, clauseValues, patterns) ?? (() => false);
    expect(test(contextValue)).toBe(expected);
  });
});

describe('compileOperator', () => {
  it('answers undefined for an unknown operator', () => {
    expect(compileOperator('regexMatch', ['a'])).toBeUndefined();
  });
});

describe('matches', () => {
  it('is undefined without a pattern engine', () => {
    expect(compileOperator('matches', ['a'])).toBeUndefined();
  });

  it.each(engines)(
    'answers each value afresh when clauses share a pattern and values alternate (%s)',
    (_name, patterns) => {
      // Two clauses with one source share one compiled pattern and its memo of the last answer.
      const first = compileOperator('matches', ['^(Ann|Bob)[a-z]*$'], patterns);
      const second = compileOperator('matches', ['^(Ann|Bob)[a-z]*$', 'zzz'], patterns);
      const reference = RE2JS.compile('^(Ann|Bob)[a-z]*$');
      const value = fc.oneof(fc.constantFrom('Ann', 'Annabel', 'Bob', 'Carl', 'bob', ''), fc.string());
      fc.assert(
        fc.property(fc.array(fc.tuple(value, fc.boolean()), { maxLength: 20 }), (calls) => {
          for (const [input, useFirst] of calls) {
            const expected = reference.test(input) || (!useFirst && input.includes('zzz'));
            expect((useFirst ? first : second)?.(input)).toBe(expected);
          }
        }),
      );
    },
  );
});
