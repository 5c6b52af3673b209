import { describe, expect, it } from 'vitest';
import { remainderAfter, sequenceKey } from './watermark.js';

describe('sequenceKey', () => {
  it('orders as the numbers do, whatever their length', () => {
    const numbers = ['9', '10', '49590338271490256608559692538361571095921575989136588898', '100'];
    const byKey = [...numbers].sort((a, b) => (sequenceKey(a) < sequenceKey(b) ? -1 : 1));
    expect(byKey).toEqual(['9', '10', '100', '49590338271490256608559692538361571095921575989136588898']);
  });
});

describe('remainderAfter', () => {
  const keys = ['1', '2', '3', '4'].map(sequenceKey);
  const totals = { sources: [0, 2, 3], counts: [5, 7, 11], metricSums: [1, 2, 3] };
  it.each([
    ['nothing applied', undefined, { count: 23, metricSum: 6, first: keys[0], last: keys[3] }],
    ['the first record applied', keys[0], { count: 18, metricSum: 5, first: keys[2], last: keys[3] }],
    [
      'up to a record that did not contribute',
      keys[1],
      { count: 18, metricSum: 5, first: keys[2], last: keys[3] },
    ],
    ['everything applied', keys[3], undefined],
    ['a later batch applied', sequenceKey('99'), undefined],
  ])('%s', (_name, watermark, expected) => {
    expect(remainderAfter(totals, keys, watermark)).toEqual(expected);
  });
});
