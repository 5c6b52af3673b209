import { describe, expect, it } from 'vitest';
import { emptyNewFlag, newFlagBody } from './new-flag.js';

const form = { ...emptyNewFlag, name: ' Plan ', key: 'plan' };

describe('newFlagBody', () => {
  it('leaves a boolean flag to the API’s true/false, with client-side availability as chosen', () => {
    expect(newFlagBody({ ...form, clientSide: true, variations: 'ignored' })).toEqual({
      key: 'plan',
      name: 'Plan',
      description: '',
      clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
    });
  });

  it.each([
    ['string', 'free\n\n pro \n', ['free', ' pro ']],
    ['number', '10\n25.5\n-1e3', [10, 25.5, -1000]],
    ['json', '{"limit": 10}\n[1, 2]\nnull\n"text"', [{ limit: 10 }, [1, 2], null, 'text']],
  ] as const)('reads %s variations one per line, skipping blank lines', (type, variations, values) => {
    expect(newFlagBody({ ...form, type, variations }).variations).toEqual(values.map((value) => ({ value })));
  });

  it.each([
    ['number', '10\nten', 'Variation 2 (ten) is not a number.'],
    ['number', '10\n0x10', 'Variation 2 (0x10) is not a number.'],
    ['json', '{"a": 1}\n{a: 1}', 'Variation 2 ({a: 1}) is not JSON.'],
    ['string', 'only one', 'Give at least two variations, one per line.'],
    ['string', 'free\npro\nfree', 'Variation 3 (free) repeats variation 1; each serves a value of its own.'],
    ['number', '10\n10.0', 'Variation 2 (10.0) repeats variation 1; each serves a value of its own.'],
    [
      'json',
      '{"a": 1, "b": 2}\nnull\n{"b": 2, "a": 1}',
      'Variation 3 ({"b": 2, "a": 1}) repeats variation 1; each serves a value of its own.',
    ],
  ] as const)(
    'refuses %s variations it cannot read or that repeat, saying which',
    (type, variations, message) => {
      expect(() => newFlagBody({ ...form, type, variations })).toThrow(message);
    },
  );
});
