import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalNumber } from './decimal.js';

describe('decimalNumber', () => {
  it.each([
    ['10', 10],
    [' -2.5 ', -2.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['-1e3', -1000],
    ['2E-2', 0.02],
  ])('reads %j as %d', (text, value) => {
    expect(decimalNumber(text)).toBe(value);
  });

  it.each([
    '',
    '  ',
    '0x10',
    '0b1',
    '0o7',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e999',
    '1,5',
    '1_000',
    '1 2',
    'e3',
    '.',
  ])('refuses %j', (text) => {
    expect(decimalNumber(text)).toBeUndefined();
  });

  it('reads back every finite number as JavaScript writes it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(decimalNumber(String(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});
