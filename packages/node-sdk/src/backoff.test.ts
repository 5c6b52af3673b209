import { describe, expect, it } from 'vitest';
import { manualClock, seededRandom } from '../testing/random.js';
import { Backoff, rotationDelay } from './index.js';

const almostOne = () => 0.999_999;

describe('Backoff', () => {
  it('doubles the delay ceiling from 1 s up to 30 s', () => {
    const backoff = new Backoff({}, manualClock(), almostOne);
    const delays = Array.from({ length: 8 }, () => backoff.fail());
    expect(delays).toEqual([999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999]);
  });

  it('applies full jitter: a random source of 0 gives no delay at all', () => {
    const backoff = new Backoff({}, manualClock(), () => 0);
    expect([backoff.fail(), backoff.fail(), backoff.fail()]).toEqual([0, 0, 0]);
  });

  it('resets after a connection that stayed healthy for 60 s', () => {
    const clock = manualClock();
    const backoff = new Backoff({}, clock, almostOne);
    backoff.fail();
    backoff.fail();
    backoff.success();
    clock.advance(60_000);
    expect(backoff.fail()).toBe(999);
  });

  it('keeps growing after a connection that dropped within 60 s', () => {
    const clock = manualClock();
    const backoff = new Backoff({}, clock, almostOne);
    backoff.fail();
    backoff.fail();
    backoff.success();
    clock.advance(59_999);
    expect(backoff.fail()).toBe(3999);
  });

  it('takes its ceilings from the options', () => {
    const backoff = new Backoff({ initialDelayMs: 10, maxDelayMs: 25 }, manualClock(), almostOne);
    expect([backoff.fail(), backoff.fail(), backoff.fail()]).toEqual([9, 19, 24]);
  });

  it('spreads 1,000 first-attempt delays evenly across [0, 1 s)', () => {
    const random = seededRandom(42);
    const delays = Array.from({ length: 1000 }, () => new Backoff({}, manualClock(), random).fail());
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(1000);
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length;
    expect(mean).toBeGreaterThan(450);
    expect(mean).toBeLessThan(550);
    // Ten 100 ms buckets each expect 100 delays; a uniform spread keeps every one within ±40%.
    const buckets = Array.from({ length: 10 }, (_, bucket) =>
      delays.filter((delay) => Math.floor(delay / 100) === bucket),
    );
    for (const bucket of buckets) expect(bucket.length).toBeGreaterThan(60);
    for (const bucket of buckets) expect(bucket.length).toBeLessThan(140);
  });
});

describe('rotationDelay', () => {
  it.each([
    [0, 105],
    [0.5, 110],
    [0.999_999, 115],
  ])('with random %d gives about %d minutes', (random, minutes) => {
    expect(rotationDelay(110 * 60_000, 5 * 60_000, () => random) / 60_000).toBeCloseTo(minutes, 1);
  });

  it('never goes below zero', () => {
    expect(rotationDelay(10, 100, () => 0)).toBe(0);
  });
});
