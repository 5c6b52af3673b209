import { describe, expect, it } from 'vitest';
import { customEvent } from './custom-event.js';

const ada = { kind: 'user', key: 'ada' };

describe('customEvent', () => {
  it('records the event with the context keys, a copy of its data and a finite metric value', () => {
    const data = { cart: 3 };
    const made = customEvent('checkout', ada, data, 59.9, 1_000);
    data.cart = 4;
    expect(made).toEqual({
      event: {
        kind: 'custom',
        key: 'checkout',
        contextKeys: { user: 'ada' },
        data: { cart: 3 },
        metricValue: 59.9,
        creationDate: 1_000,
      },
    });
    expect(customEvent('checkout', ada, undefined, Number.NaN, 1_000)).toEqual({
      event: { kind: 'custom', key: 'checkout', contextKeys: { user: 'ada' }, creationDate: 1_000 },
    });
  });

  it.each([
    ['an empty key', '', ada, undefined, undefined],
    ['a context without a key', 'k', { kind: 'user' }, undefined, undefined],
    ['a key with "#"', 'a#b', ada, undefined, undefined],
    ['a key over 256 characters', 'k'.repeat(257), ada, undefined, undefined],
    ['a metric value beyond 1e15', 'k', ada, undefined, 1e20],
    ['data with a BigInt', 'k', ada, { n: 10n }, undefined],
  ])('drops %s, saying why', (_what, key, context, data, metric) => {
    const made = customEvent(key, context, data, metric, 1_000);
    expect(made).toEqual({ problem: expect.stringContaining('track(') });
  });
});
