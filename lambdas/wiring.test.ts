import { describe, expect, it } from 'vitest';
import { clockOf, lazy } from './wiring.js';

describe('lazy', () => {
  it('builds on first use, once', () => {
    let builds = 0;
    const service = lazy(() => ({ build: ++builds }));
    expect(builds).toBe(0);
    expect(service()).toBe(service());
    expect(builds).toBe(1);
  });
});

describe('clockOf', () => {
  it('is the clock passed in, else the system clock', () => {
    const fixed = { now: () => new Date('2026-01-01T00:00:00Z') };
    expect(clockOf({ clock: fixed })).toBe(fixed);
    const before = Date.now();
    expect(clockOf({}).now().getTime()).toBeGreaterThanOrEqual(before);
  });
});
