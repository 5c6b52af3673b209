import { describe, expect, it } from 'vitest';
import { percentile, sampler, seededRandom } from './distribution.js';
import { loadInputs } from './inputs.js';
import { type SimInputs, simulateChange, sliceSize } from './model.js';
import { summarise } from './run.js';

const fixed = (ms: number) => ({ min: ms, p10: ms, p50: ms, p90: ms, p99: ms, max: ms });

/** Every delay constant, so a run can be worked out by hand. */
const handChecked: SimInputs = {
  delays: {
    streamToLambda: fixed(100),
    asyncInvoke: fixed(40),
    sqsToLambda: fixed(20),
    handoffCall: fixed(10),
    coldStart: fixed(300),
    query: fixed(5),
    claimWrite: fixed(8),
    postRoundTrip: fixed(10),
    gatewayToClient: fixed(0),
    sdkApply: fixed(0),
  },
  callbackRps: 1_000_000,
  callbackBurst: 1_000_000,
  cpuPerPostMs: 1,
  mbPerVcpu: 1000,
  fanoutMemoryMb: 1000,
  postsInFlight: 2,
  slices: 16,
  inlineMaxConnections: 2000,
  workerPageSize: 1000,
  fastPathMaxConnections: 5000,
  fanoutColdProbability: 0,
  workerColdProbability: 0,
};

/** Posting without limits of its own: only the delays, the throttle and the hand-offs shape a run. */
const unbounded: SimInputs = {
  ...handChecked,
  postsInFlight: 1000,
  cpuPerPostMs: 0,
  inlineMaxConnections: 16,
};

describe('the delivery model', () => {
  it('matches a case worked out by hand: 4 connections, 2 posts in flight, 1 ms of CPU per post', () => {
    // Stream at 100, slices read at 105 (one connection in each of slices 0-3). Posts: CPU 105-106
    // and 106-107, sent then, each 10 ms round trip, applied half-way (the frame reaches API Gateway):
    // 111 and 112. The third waits for the first slot (116): CPU 116-117, applied 122; the fourth
    // for the second (117): CPU 117-118, applied 123.
    const result = simulateChange(handChecked, 4, 'stream', seededRandom(1));
    expect([...result.applied]).toEqual([111, 112, 122, 123]);
    expect(result.posts).toBe(4);
    expect(result.parts.queued[2]).toBe(11);
  });

  it('adds the fast path: Invoke at 10 + 40, so the stream’s later posts are duplicates', () => {
    // Fast path at 50, slices at 55: applied 61, 62, 72, 73; the stream posts the same four again.
    const result = simulateChange(handChecked, 4, 'invoke', seededRandom(1));
    expect([...result.applied]).toEqual([61, 62, 72, 73]);
    expect(result.posts).toBe(8);
  });

  it('skips, with posted marks, the stream’s posts to the slices the fast path marked', () => {
    // 64 connections, 4 per slice. Eight parts read their slices at 55 and mark them at 60; the
    // stream reads at 105 and finds every slice marked: 64 posts, no duplicates, none skipped without.
    const inputs = { ...unbounded, fastPathInvocations: 8 };
    const marked = simulateChange({ ...inputs, skipPosting: true }, 64, 'invoke', seededRandom(1));
    expect(marked.posts).toBe(64);
    expect(marked.skippedSlices).toBe(16);
    expect(new Set(marked.applied)).toEqual(new Set([60]));
    // A slice above the fast path's share is not marked: the stream posts it all.
    const big = { ...inputs, skipPosting: true, fastPathMaxConnections: 32 };
    expect(simulateChange(big, 64, 'invoke', seededRandom(1)).skippedSlices).toBe(0);
    // A fast path still posting (at 100 posts/s) when the stream's wait runs out at 115: the stream
    // posts again to every slice not finished by then.
    const slow = { ...inputs, skipPosting: true, postedWaitMs: 10, callbackRps: 100, callbackBurst: 1 };
    const late = simulateChange(slow, 64, 'invoke', seededRandom(1));
    expect(late.skippedSlices).toBeLessThan(4);
    expect(late.posts).toBe(64 + 4 * (16 - late.skippedSlices));
  });

  it('waits, with the hand-off marked, for slices the fast path has not marked when the stream reads them', () => {
    // The eight parts read their slices at 55 and mark them at 60; a stream as quick as 52 reads at
    // 57, before any `posting` mark. Unmarked, it posts all 64 again; with the write path's mark
    // (landed at 5) it waits and skips every slice.
    const delays = { ...unbounded.delays, streamToLambda: fixed(52) };
    const inputs = { ...unbounded, delays, fastPathInvocations: 8, skipPosting: true };
    const unmarked = simulateChange(inputs, 64, 'invoke', seededRandom(1));
    expect(unmarked.posts).toBe(128);
    const marked = simulateChange({ ...inputs, handoffMarked: true }, 64, 'invoke', seededRandom(1));
    expect(marked.posts).toBe(64);
    expect(marked.skippedSlices).toBe(16);
    // A slice above the fast path's share is never posted in full by it: the stream does not wait.
    const big = { ...inputs, handoffMarked: true, fastPathMaxConnections: 32 };
    expect(simulateChange(big, 64, 'invoke', seededRandom(1)).skippedSlices).toBe(0);
  });

  it('paces posts to the account throttle after its burst', () => {
    const throttled = { ...unbounded, callbackRps: 1000, callbackBurst: 2 };
    const result = simulateChange(throttled, 4, 'stream', seededRandom(1));
    // Two go at once (the burst), then one per millisecond.
    expect([...result.applied]).toEqual([110, 110, 111, 112]);
  });

  it('hands slices above the inline share to workers, which start after an asynchronous Invoke', () => {
    const result = simulateChange(unbounded, 32, 'stream', seededRandom(1));
    const applied = [...result.applied].sort((a, b) => a - b);
    // 16 inline: slices read at 105, applied 110. 16 by workers: invoked at 105 + 10 + 40, page read
    // 5 ms later (160), applied 165.
    expect(applied.slice(0, 16)).toEqual(Array(16).fill(110));
    expect(applied.slice(16)).toEqual(Array(16).fill(165));
  });

  it('leaves the rest of a big environment to the stream: the fast path starts no workers there', () => {
    const inputs = { ...unbounded, fastPathMaxConnections: 32 };
    // 64 connections, 4 per slice, above the fast path's 2: it posts 16 (at 55 + 5 = 60); the
    // stream posts all 64 (16 inline at 110, 48 by its workers at 165).
    const result = simulateChange(inputs, 64, 'invoke', seededRandom(1));
    const applied = [...result.applied].sort((a, b) => a - b);
    expect(applied.filter((t) => t === 60)).toHaveLength(16);
    expect(applied.filter((t) => t === 165)).toHaveLength(48);
    expect(result.posts).toBe(80);
  });

  it('splits the fast path over parallel invocations that post their slices in full, without workers', () => {
    // 64 connections, 4 per slice. Eight invocations at 10 + 40, slices read at 55: all 64 applied at
    // 60, and the stream posts them again (16 inline, 48 by workers): 128 posts.
    const parts = simulateChange({ ...unbounded, fastPathInvocations: 8 }, 64, 'invoke', seededRandom(1));
    expect(new Set(parts.applied)).toEqual(new Set([60]));
    expect(parts.posts).toBe(128);
    // One invocation with workers: 16 inline at 60, 48 by workers (Invoke at 55 + 10 + 40, page at 110): 115.
    const workers = simulateChange(unbounded, 64, 'invoke', seededRandom(1));
    expect([...workers.applied].filter((t) => t === 115)).toHaveLength(48);
  });

  it('starts provisioned fan-out invocations warm, the rest cold', () => {
    const cold = { ...unbounded, fanoutColdProbability: 1, fastPathInvocations: 2 };
    // Cold: 50 + 300, read at 355, applied 360; provisioned: applied 60.
    expect(Math.min(...simulateChange(cold, 32, 'invoke', seededRandom(1)).applied)).toBe(360);
    const warm = simulateChange({ ...cold, fanoutProvisioned: 2 }, 32, 'invoke', seededRandom(1));
    expect(new Set(warm.applied)).toEqual(new Set([60]));
  });

  it('hedges each fast-path part over replicas: the first claim posts, the others stop', () => {
    const hedged = { ...unbounded, fastPathInvocations: 8, fastPathReplicas: 2 };
    // Both replicas of a part start at 50; the claim lands at 58, after the slices are read (55):
    // all 64 applied at 63, once by the fast path, once more by the stream.
    const claimed = simulateChange(hedged, 64, 'invoke', seededRandom(1));
    expect(new Set(claimed.applied)).toEqual(new Set([63]));
    expect(claimed.posts).toBe(128);
    // Without claims every replica posts (a second fast-path post per connection), at 60.
    const unclaimed = { ...hedged, unclaimedHedgeMaxConnections: 64 };
    const both = simulateChange(unclaimed, 64, 'invoke', seededRandom(1));
    expect(new Set(both.applied)).toEqual(new Set([60]));
    expect(both.posts).toBe(192);
  });

  it('lets a hedged part wait for the quicker replica: a cold one loses the claim', () => {
    // Cold starts for every unprovisioned invocation: with one provisioned, replica 0 of part 0 starts
    // warm at 50 and claims at 58; replica 1 starts cold at 350. Part 0's slices are applied at 63.
    const cold = { ...unbounded, fanoutColdProbability: 1, fastPathInvocations: 2, fastPathReplicas: 2 };
    const result = simulateChange({ ...cold, fanoutProvisioned: 1 }, 32, 'invoke', seededRandom(1));
    expect([...result.applied].filter((t) => t === 63)).toHaveLength(16);
  });

  it('spreads connections over slices evenly', () => {
    expect(Array.from({ length: 16 }, (_, s) => sliceSize(35, 16, s)).reduce((a, b) => a + b)).toBe(35);
    expect(sliceSize(35, 16, 0)).toBe(3);
    expect(sliceSize(35, 16, 15)).toBe(2);
  });

  it('samples published percentiles exactly at their points', () => {
    const sample = sampler({ p10: 118, p50: 213, p90: 341, p99: 552 });
    expect(sample(0.1)).toBe(118);
    expect(sample(0.5)).toBe(213);
    expect(sample(0.99)).toBe(552);
    expect(sample(0.3)).toBeCloseTo((118 + 213) / 2);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
  });

  it('gives the same figures for the same seed, from inputs that all name a source', () => {
    const inputs = loadInputs();
    const a = summarise(inputs, 500, 'invoke', 3, 7);
    const b = summarise(inputs, 500, 'invoke', 3, 7);
    expect(a).toEqual(b);
    expect(a.p99).toBeGreaterThan(a.p50);
  });
});
