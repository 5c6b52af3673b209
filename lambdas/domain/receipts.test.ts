import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ackEvent,
  frameReceipt,
  HISTOGRAM_BUCKETS,
  LATENCY_BOUNDS_MS,
  latencyBucket,
  latencyPercentile,
  latencyRange,
  parseAck,
  receiptChanges,
} from './receipts.js';

const histogram = (entries: Record<number, number>) =>
  Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => entries[i] ?? 0);

describe('parseAck', () => {
  it('reads a flag ack with its echoed commit time', () => {
    expect(parseAck({ action: 'ack', kind: 'flag', key: 'beta', version: 4, at: 1_764_000_000_000 })).toEqual(
      {
        ok: true,
        ack: { action: 'ack', kind: 'flag', key: 'beta', version: 4, at: 1_764_000_000_000 },
      },
    );
  });

  it.each([
    ['an unknown kind', { kind: 'user', key: 'a', version: 1 }, '"kind"'],
    ['an empty key', { kind: 'flag', key: '', version: 1 }, '"key"'],
    ['a key of 257 characters', { kind: 'flag', key: 'k'.repeat(257), version: 1 }, '"key"'],
    ['a fractional version', { kind: 'flag', key: 'a', version: 1.5 }, '"version"'],
    ['a string time', { kind: 'flag', key: 'a', version: 1, at: '1' }, '"at"'],
  ])('names the field of an ack with %s', (_name, fields, field) => {
    const parsed = parseAck({ action: 'ack', ...fields });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toContain(field);
  });
});

describe('ackEvent', () => {
  it('measures latency on the server: receipt time minus commit time', () => {
    expect(ackEvent({ action: 'ack', kind: 'flag', key: 'a', version: 2, at: 1_000 }, 1_120)).toEqual({
      kind: 'ack',
      flag: 'a',
      version: 2,
      latencyMs: 120,
    });
  });

  it('keeps an ack without a plausible commit time, with no latency', () => {
    const future = ackEvent({ action: 'ack', kind: 'flag', key: 'a', version: 2, at: 10_000 }, 1_000);
    const ancient = ackEvent(
      { action: 'ack', kind: 'flag', key: 'a', version: 2, at: 1 },
      1 + 2 * 86_400_000,
    );
    const none = ackEvent({ action: 'ack', kind: 'flag', key: 'a', version: 2 }, 1_000);
    for (const event of [future, ancient, none])
      expect(event).toEqual({ kind: 'ack', flag: 'a', version: 2 });
  });

  it('ignores segment acks: receipts are kept per flag', () => {
    expect(ackEvent({ action: 'ack', kind: 'segment', key: 's', version: 2, at: 1 }, 2)).toBeUndefined();
  });
});

describe('latency histogram', () => {
  it('puts a latency in the first bucket whose bound holds it, and beyond the last in the overflow', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(25)).toBe(0);
    expect(latencyBucket(26)).toBe(1);
    expect(latencyBucket(120)).toBe(LATENCY_BOUNDS_MS.indexOf(150));
    expect(latencyBucket(60_000)).toBe(HISTOGRAM_BUCKETS - 1);
  });

  it('interpolates percentiles inside a bucket', () => {
    const fiftyToHundred = LATENCY_BOUNDS_MS.indexOf(100);
    expect(latencyPercentile(histogram({ [fiftyToHundred]: 10 }), 0.5)).toBe(75);
    expect(latencyPercentile(histogram({ 0: 99, [fiftyToHundred]: 1 }), 0.5)).toBe(13);
    expect(latencyPercentile(histogram({ 0: 99, [fiftyToHundred]: 1 }), 0.995)).toBe(75);
  });

  it('names the bucket a percentile falls in, which holds the interpolated figure', () => {
    const fiftyToHundred = LATENCY_BOUNDS_MS.indexOf(100);
    expect(latencyRange(histogram({ [fiftyToHundred]: 10 }), 0.5)).toEqual({ fromMs: 50, toMs: 100 });
    expect(latencyRange(histogram({ 0: 99, [fiftyToHundred]: 1 }), 0.5)).toEqual({ fromMs: 0, toMs: 25 });
    expect(latencyRange(histogram({ 0: 99, [fiftyToHundred]: 1 }), 0.995)).toEqual({ fromMs: 50, toMs: 100 });
    expect(latencyRange(histogram({ [HISTOGRAM_BUCKETS - 1]: 3 }), 0.99)).toEqual({
      fromMs: 30_000,
      toMs: null,
    });
    expect(latencyRange(histogram({}), 0.5)).toBeNull();
  });

  it('puts every interpolated percentile inside its bucket', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { minLength: HISTOGRAM_BUCKETS, maxLength: HISTOGRAM_BUCKETS }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (counts, p) => {
          const range = latencyRange(counts, p);
          const estimate = latencyPercentile(counts, p);
          if (range === null) return expect(estimate).toBeNull();
          expect(estimate).toBeGreaterThanOrEqual(range.fromMs);
          if (range.toMs !== null) expect(estimate).toBeLessThanOrEqual(range.toMs);
        },
      ),
    );
  });

  it('answers the overflow bucket with its lower bound, and null when empty', () => {
    expect(latencyPercentile(histogram({ [HISTOGRAM_BUCKETS - 1]: 3 }), 0.5)).toBe(30_000);
    expect(latencyPercentile(histogram({}), 0.5)).toBeNull();
  });
});

describe('frame receipts', () => {
  it('asks for acks only in an environment that opted in with a rate above 0', () => {
    expect(frameReceipt({ enabled: true, sampleRate: 0.1 }, 5)).toEqual({ ack: 0.1, at: 5 });
    expect(frameReceipt({ enabled: true, sampleRate: 1 }, undefined)).toEqual({ ack: 1 });
    expect(frameReceipt({ enabled: false, sampleRate: 1 }, 5)).toBeUndefined();
    expect(frameReceipt(undefined, 5)).toBeUndefined();
  });

  it('finds the flag changes that carry receipt fields among frames', () => {
    const frames = [
      JSON.stringify({ type: 'patch', kind: 'segment', key: 's', version: 1, data: {}, ack: 1, at: 5 }),
      JSON.stringify({ type: 'patch', kind: 'flag', key: 'a', version: 3, data: {}, ack: 0.5, at: 5 }),
      JSON.stringify({ type: 'delete', kind: 'flag', key: 'b', version: 4, ack: 0.5 }),
      JSON.stringify({ type: 'patch', kind: 'flag', key: 'c', version: 1, data: {} }),
      '{"type":"refetch"}',
    ];
    expect(receiptChanges(frames)).toEqual([
      { key: 'a', version: 3, sampleRate: 0.5, committedAt: 5 },
      { key: 'b', version: 4, sampleRate: 0.5 },
    ]);
  });
});
