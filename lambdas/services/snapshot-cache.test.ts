import { describe, expect, it } from 'vitest';
import type { EvaluationFlag } from '../domain/response-schemas.js';
import type { EnvironmentContents } from './ports.js';
import { SnapshotCache } from './snapshot-cache.js';

const flag = (key: string, version: number): EvaluationFlag => ({
  key,
  version,
  on: true,
  offVariation: 1,
  variations: [true, false],
  salt: 's',
  targets: [],
  contextTargets: [],
  rules: [],
  fallthrough: { variation: 0 },
  prerequisites: [],
  trackEvents: false,
  trackEventsFallthrough: false,
  clientSideAvailability: { usingEnvironmentId: false, usingMobileKey: false },
  deleted: false,
});

/** A store whose reads the test releases one by one, in any order. */
function fakeStore() {
  const pending: { resolve: (c: EnvironmentContents) => void }[] = [];
  let reads = 0;
  return {
    source: () => {
      reads++;
      return new Promise<EnvironmentContents>((resolve) => pending.push({ resolve }));
    },
    release: (flags: EvaluationFlag[]) => pending.shift()?.resolve({ flags, segments: [] }),
    reads: () => reads,
  };
}

const at = { project: 'p', env: 'e' };

function clock() {
  let now = 0;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('SnapshotCache', () => {
  it('shares one read among concurrent misses', async () => {
    const store = fakeStore();
    const cache = new SnapshotCache(store.source, clock(), 1000);
    const all = Promise.all(Array.from({ length: 10 }, () => cache.get(at)));
    store.release([flag('a', 1)]);
    const snapshots = await all;
    expect(store.reads()).toBe(1);
    expect(new Set(snapshots).size).toBe(1);
  });

  it('serves from memory within the TTL and re-reads after it', async () => {
    const store = fakeStore();
    const time = clock();
    const cache = new SnapshotCache(store.source, time, 1000);
    const first = cache.get(at);
    store.release([flag('a', 1)]);
    await first;
    time.advance(999);
    await cache.get(at);
    expect(store.reads()).toBe(1);
    time.advance(1);
    const second = cache.get(at);
    store.release([flag('a', 2)]);
    expect((await second).flags.get('a')?.version).toBe(2);
    expect(store.reads()).toBe(2);
  });

  it('dates a snapshot by when its read began', async () => {
    const store = fakeStore();
    const time = clock();
    const cache = new SnapshotCache(store.source, time, 1000);
    time.advance(40);
    const first = cache.get(at);
    time.advance(15);
    store.release([flag('a', 1)]);
    expect((await first).readAt).toBe(40);
    // Served from memory: still the time of that read.
    expect((await cache.getSince(at, 40)).readAt).toBe(40);
  });

  it('never goes back to an older version of an item it has served', async () => {
    const store = fakeStore();
    const time = clock();
    const cache = new SnapshotCache(store.source, time, 0);
    const first = cache.get(at);
    store.release([flag('a', 5), flag('b', 1)]);
    await first;
    const stale = cache.get(at);
    store.release([flag('a', 4), flag('b', 2)]);
    const snapshot = await stale;
    expect(snapshot.flags.get('a')?.version).toBe(5);
    expect(snapshot.flags.get('b')?.version).toBe(2);
  });

  it('never serves a deleted environment to the one re-created under the same key', async () => {
    const store = fakeStore();
    const cache = new SnapshotCache(store.source, clock(), 60_000);
    const deleted = cache.get({ ...at, generation: 'g1' });
    store.release([flag('a', 5)]);
    const before = await deleted;
    const recreated = cache.get({ ...at, generation: 'g2' });
    store.release([flag('a', 1)]);
    const snapshot = await recreated;
    expect(snapshot.flags.get('a')?.version).toBe(1);
    expect(snapshot.etag).not.toBe(before.etag);
  });

  it('drops items that are gone and changes the ETag', async () => {
    const store = fakeStore();
    const cache = new SnapshotCache(store.source, clock(), 0);
    const first = cache.get(at);
    store.release([flag('a', 1), flag('b', 1)]);
    const before = await first;
    const second = cache.get(at);
    store.release([flag('a', 1)]);
    const after = await second;
    expect([...after.flags.keys()]).toEqual(['a']);
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.json)).toEqual({ flags: { a: flag('a', 1) }, segments: {} });
  });

  it('keeps the ETag while nothing changes', async () => {
    const store = fakeStore();
    const cache = new SnapshotCache(store.source, clock(), 0);
    const first = cache.get(at);
    store.release([flag('a', 1)]);
    await first;
    const second = cache.get(at);
    store.release([flag('a', 1)]);
    expect((await second).etag).toBe((await first).etag);
  });

  it('lets the next caller retry after a failed read', async () => {
    let calls = 0;
    const cache = new SnapshotCache(
      async () => {
        calls++;
        if (calls === 1) throw new Error('throttled');
        return { flags: [flag('a', 1)], segments: [] };
      },
      clock(),
      1000,
    );
    await expect(cache.get(at)).rejects.toThrow('throttled');
    expect((await cache.get(at)).flags.size).toBe(1);
  });
});
