import { describe, expect, it } from 'vitest';
import { createRouteThrottle } from './throttle.js';

describe('createRouteThrottle', () => {
  const setup = () => {
    let now = 0;
    const admit = createRouteThrottle(
      (key) => (key === 'GET /sdk/v1/flags' ? { rateLimit: 10, burstLimit: 3 } : undefined),
      () => now,
    );
    return { admit, advance: (ms: number) => (now += ms) };
  };

  it('admits a burst, then refuses until the rate refills a token', () => {
    const { admit, advance } = setup();
    expect([1, 2, 3, 4].map(() => admit('GET /sdk/v1/flags'))).toEqual([true, true, true, false]);
    advance(99);
    expect(admit('GET /sdk/v1/flags')).toBe(false);
    advance(1);
    expect(admit('GET /sdk/v1/flags')).toBe(true);
    expect(admit('GET /sdk/v1/flags')).toBe(false);
  });

  it('refills no further than the burst', () => {
    const { admit, advance } = setup();
    admit('GET /sdk/v1/flags');
    advance(60_000);
    expect([1, 2, 3, 4].map(() => admit('GET /sdk/v1/flags'))).toEqual([true, true, true, false]);
  });

  it('lets routes without a limit through', () => {
    const { admit } = setup();
    expect(Array.from({ length: 100 }, () => admit('GET /health')).every(Boolean)).toBe(true);
  });

  it('keeps a bucket per route', () => {
    let now = 0;
    const admit = createRouteThrottle(
      () => ({ rateLimit: 1, burstLimit: 1 }),
      () => now,
    );
    expect(admit('GET /a')).toBe(true);
    expect(admit('GET /a')).toBe(false);
    expect(admit('GET /b')).toBe(true);
    now += 1000;
    expect(admit('GET /a')).toBe(true);
  });
});
