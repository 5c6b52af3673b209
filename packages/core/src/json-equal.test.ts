import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEqual, repeatedValues } from './json-equal.js';

/** The same document with every object's keys in reverse order. */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
};

describe('jsonEqual', () => {
  it('holds for any JSON document and its copy with keys in another order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonEqual(value, reversed(value))).toBe(true);
        expect(canonicalJson(reversed(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it('tells apart documents that differ in a value, a type or an array order', () => {
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, {})).toBe(false);
  });
});

describe('repeatedValues', () => {
  it('names each value equal to an earlier one, with the first it repeats', () => {
    expect(repeatedValues(['a', 1, 'a', { x: 1, y: 2 }, '1', { y: 2, x: 1 }, 'a'])).toEqual([
      { index: 2, first: 0 },
      { index: 5, first: 3 },
      { index: 6, first: 0 },
    ]);
  });

  it('finds none in distinct values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.jsonValue(), { selector: canonicalJson }), (values) => {
        expect(repeatedValues(values)).toEqual([]);
      }),
    );
  });
});
