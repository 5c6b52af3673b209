import { describe, expect, it, vi } from 'vitest';
import {
  MemoryConnectionStore,
  MemoryPartClaims,
  MemoryPostedMarks,
  RecordingBroadcaster,
  RecordingDispatcher,
} from '../../test/helpers/delivery-fakes.js';
import { accessOf } from '../domain/connection-access.js';
import { sliceOf } from '../domain/connection-slices.js';
import type { ItemChange } from '../domain/delivery.js';
import { REFETCH } from '../domain/delivery.js';
import { type FanoutOptions, FanoutService, SliceDelivery } from './fanout-service.js';

const production = { project: 'p', env: 'production' };
const staging = { project: 'p', env: 'staging' };
let sequence = 0;
const flag = (
  key: string,
  version: number,
  env = production,
  data: object | null = { on: true },
): ItemChange => ({
  ...env,
  kind: 'flag',
  key,
  version,
  data: data === null ? undefined : { key, version, ...data },
  sequence: String(++sequence),
});

function setup(options: FanoutOptions = {}) {
  const store = new MemoryConnectionStore(options.slices ?? 16);
  const broadcaster = new RecordingBroadcaster();
  const workers = new RecordingDispatcher();
  const now = 1_000_000;
  const delivery = new SliceDelivery(store, broadcaster, { now: () => now, ...options });
  const fanout = new FanoutService(store, delivery, workers, options);
  return { store, broadcaster, workers, delivery, fanout, now };
}

const parsed = (frames: string[]) => frames.map((f) => JSON.parse(f));

describe('FanoutService', () => {
  it('posts the newest version of each changed item to every connection of the environment only', async () => {
    const { store, broadcaster, fanout } = setup();
    const prod = store.fill(production, 5, 'prod');
    const stag = store.fill(staging, 3, 'stag');
    const result = await fanout.deliver([flag('a', 1), flag('a', 2), flag('b', 9, staging)]);
    expect(result.failedSequences).toEqual([]);
    for (const id of prod) {
      expect(parsed(broadcaster.framesTo(id))).toEqual([
        { type: 'patch', kind: 'flag', key: 'a', version: 2, data: { key: 'a', version: 2, on: true } },
      ]);
    }
    for (const id of stag) expect(parsed(broadcaster.framesTo(id)).map((m) => m.key)).toEqual(['b']);
    expect(result.counts).toMatchObject({ sent: 8, gone: 0, failed: 0 });
  });

  it('sends one connection its frames in order, and deletions as delete messages', async () => {
    const { store, broadcaster, fanout } = setup();
    const [id] = store.fill(production, 1);
    await fanout.deliver([
      flag('a', 1),
      { ...flag('s', 4), kind: 'segment' },
      flag('gone', 8, production, null),
    ]);
    expect(
      parsed(broadcaster.framesTo(id as string)).map((m) => `${m.type}:${m.kind}:${m.key}@${m.version}`),
    ).toEqual(['patch:segment:s@4', 'patch:flag:a@1', 'delete:flag:gone@8']);
  });

  it('never sends flag JSON to browser connections (they will get evaluated values instead)', async () => {
    const { store, broadcaster, fanout } = setup();
    const [server] = store.fill(production, 1, 'server');
    store.fill(production, 3, 'browser', 0, 'client');
    await fanout.deliver([flag('a', 1)]);
    expect(broadcaster.posts.map((p) => p.connectionId)).toEqual([server]);
  });

  it('keeps the number of posts in flight under the concurrency limit', async () => {
    const { store, broadcaster, fanout } = setup({ concurrency: 4 });
    store.fill(production, 50);
    await fanout.deliver([flag('a', 1)]);
    expect(broadcaster.posts).toHaveLength(50);
    expect(broadcaster.maxInFlight).toBeLessThanOrEqual(4);
    expect(broadcaster.maxInFlight).toBeGreaterThan(1);
  });

  it('deletes connections that answer 410, unless they registered within the grace period', async () => {
    const { store, broadcaster, fanout, now } = setup({ goneGraceMs: 10_000 });
    const [old, young, alive] = store.fill(production, 3);
    (store.connections.get(young as string) as { connectedAt: number }).connectedAt = now - 1_000;
    broadcaster.gone.add(old as string).add(young as string);
    const result = await fanout.deliver([flag('a', 1), flag('b', 1)]);
    expect(store.removedGone).toEqual([old]);
    expect(store.connections.has(young as string)).toBe(true);
    expect(broadcaster.framesTo(alive as string)).toHaveLength(2);
    // A gone connection gets no second frame, and a 410 is not a failure.
    expect(result.counts).toMatchObject({ sent: 1, gone: 2, removed: 1, failed: 0 });
    expect(result.failedSequences).toEqual([]);
  });

  describe('credentials', () => {
    const key = (id: string) => `sdkKey:${id}`;
    /** Production lists key `current` and key `leaving` (overlap until `until`); staging is deleted. */
    const access = (until: string) =>
      vi.fn(async (locator: { env: string }) =>
        locator.env === 'production'
          ? accessOf({
              clientSideId: 'c'.repeat(24),
              generation: 'g2',
              sdkKeys: [{ id: 'current' }, { id: 'leaving', expiresAt: until }],
            })
          : undefined,
      );

    function withAccess(source: ReturnType<typeof access>, now = 1_000_000) {
      const store = new MemoryConnectionStore();
      const broadcaster = new RecordingBroadcaster();
      const delivery = new SliceDelivery(store, broadcaster, { now: () => now }, undefined, source);
      const fanout = new FanoutService(store, delivery, new RecordingDispatcher());
      const register = (connectionId: string, facts: object, locator = production) =>
        store.add(locator, connectionId, facts);
      return { store, broadcaster, fanout, register };
    }

    it('never posts to a connection whose credential is revoked, expired, or of a deleted environment', async () => {
      const source = access(new Date(999_000).toISOString());
      const { broadcaster, fanout, register } = withAccess(source);
      register('current', { credential: key('current'), generation: 'g2' });
      register('leaving', { credential: key('leaving'), generation: 'g2' });
      register('rotated', { credential: key('rotated'), generation: 'g2' });
      register('old-incarnation', { credential: key('current'), generation: 'g1' });
      register('deleted-env', { credential: key('x'), generation: 'g9' }, staging);
      const result = await fanout.deliver([flag('a', 1), flag('a', 1, staging)]);
      expect(broadcaster.posts.map((p) => p.connectionId)).toEqual(['current']);
      expect(result.counts).toMatchObject({ sent: 1, revoked: 4, failed: 0 });
      expect(result.failedSequences).toEqual([]);
    });

    it('keeps posting to a key inside its overlap window', async () => {
      const { broadcaster, fanout, register } = withAccess(access(new Date(2_000_000).toISOString()));
      register('leaving', { credential: key('leaving'), generation: 'g2' });
      await fanout.deliver([flag('a', 1)]);
      expect(broadcaster.framesTo('leaving')).toHaveLength(1);
    });

    it('reads each environment’s credentials once per delivery, not once per connection', async () => {
      const source = access(new Date(0).toISOString());
      const { fanout, register } = withAccess(source);
      for (let i = 0; i < 50; i++) register(`c${i}`, { credential: key('current'), generation: 'g2' });
      await fanout.deliver([flag('a', 1)]);
      expect(source).toHaveBeenCalledTimes(1);
    });

    it('reads the credentials while the slices are read, not after the first page arrives', async () => {
      const source = access(new Date(0).toISOString());
      const { store, fanout, register } = withAccess(source);
      register('current', { credential: key('current'), generation: 'g2' });
      let release = () => {};
      const pages = new Promise<void>((resolve) => {
        release = resolve;
      });
      const listSlice = store.listSlice.bind(store);
      store.listSlice = async (...args) => {
        await pages;
        return listSlice(...args);
      };
      const delivered = fanout.deliverCommitted([flag('a', 1)]);
      await Promise.resolve();
      expect(source).toHaveBeenCalledTimes(1);
      release();
      expect((await delivered).counts.sent).toBe(1);
      expect(source).toHaveBeenCalledTimes(1);
    });

    it('reads the credentials again for a connection registered after they were read', async () => {
      let now = 1_000_000;
      const source = vi.fn(async () =>
        accessOf({
          clientSideId: 'c'.repeat(24),
          sdkKeys:
            source.mock.calls.length > 1 ? [{ id: 'current' }, { id: 'rotated-in' }] : [{ id: 'current' }],
        }),
      );
      const store = new MemoryConnectionStore();
      const broadcaster = new RecordingBroadcaster();
      const delivery = new SliceDelivery(store, broadcaster, { now: () => now }, undefined, source);
      const fanout = new FanoutService(store, delivery, new RecordingDispatcher());
      store.add(production, 'old', { credential: key('current') });
      await fanout.deliver([flag('a', 1)]);
      now += 10;
      store.add(production, 'new', { connectedAt: now, credential: key('rotated-in') });
      await fanout.deliver([flag('a', 2)]);
      expect(broadcaster.framesTo('new')).toHaveLength(1);
      expect(source).toHaveBeenCalledTimes(2);
    });
  });

  it('hands only the connections whose posts failed to a retry, and reports nothing', async () => {
    const { store, broadcaster, workers, fanout } = setup();
    const [bad, good] = store.fill(production, 2, 'prod');
    store.fill(staging, 2, 'stag');
    broadcaster.failing.add(bad as string);
    const result = await fanout.deliver([flag('a', 1), flag('b', 1, staging), flag('a', 2)]);
    expect(result.failedSequences).toEqual([]);
    expect(result.counts.failed).toBe(1);
    expect(workers.tasks).toEqual([
      expect.objectContaining({
        ...production,
        slice: sliceOf(bad as string),
        connections: [bad],
        attempt: 1,
      }),
    ]);
    expect(parsed(workers.tasks[0]?.frames as string[]).map((m) => m.version)).toEqual([2]);
    expect(broadcaster.framesTo(good as string)).toHaveLength(1);
  });

  it('reports the first record of an environment whose failed posts cannot be handed to a retry', async () => {
    const { store, broadcaster, workers, fanout } = setup();
    const [bad] = store.fill(production, 2, 'prod');
    store.fill(staging, 2, 'stag');
    broadcaster.failing.add(bad as string);
    workers.failing = true;
    const first = flag('a', 1);
    const result = await fanout.deliver([first, flag('b', 1, staging), flag('a', 2)]);
    expect(result.failedSequences).toEqual([first.sequence]);
  });

  it('reports an environment whose connections cannot be read', async () => {
    const { store, fanout } = setup();
    store.listSlice = async () => {
      throw new Error('ProvisionedThroughputExceeded');
    };
    const change = flag('a', 1);
    expect((await fanout.deliver([change])).failedSequences).toEqual([change.sequence]);
  });

  it('posts to a slice as soon as it is read, without waiting for the slowest slice', async () => {
    const { store, broadcaster, fanout } = setup({ slices: 4 });
    store.fill(production, 40);
    const read = store.listSlice.bind(store);
    let releaseSlowSlice = () => {};
    const slowSliceHeld = new Promise<void>((resolve) => {
      releaseSlowSlice = resolve;
    });
    store.listSlice = async (locator, slice, page) => {
      if (slice === 3) await slowSliceHeld;
      return read(locator, slice, page);
    };
    const delivering = fanout.deliver([flag('a', 1)]);
    await vi.waitFor(() => expect(broadcaster.posts.length).toBeGreaterThan(0));
    const postedBeforeSlowSlice = broadcaster.posts.length;
    releaseSlowSlice();
    const result = await delivering;
    expect(postedBeforeSlowSlice).toBeLessThan(40);
    expect(result.counts.sent).toBe(40);
  });

  it('reports a failed slice read only once the other slices’ posts have finished', async () => {
    const { store, broadcaster, fanout } = setup({ slices: 4 });
    store.fill(production, 40);
    const read = store.listSlice.bind(store);
    store.listSlice = async (locator, slice, page) => {
      if (slice === 0) throw new Error('ProvisionedThroughputExceeded');
      return read(locator, slice, page);
    };
    const change = flag('a', 1);
    expect((await fanout.deliver([change])).failedSequences).toEqual([change.sequence]);
    expect(broadcaster.inFlight).toBe(0);
    expect(broadcaster.posts.length).toBeGreaterThan(0);
  });

  describe('above the inline threshold', () => {
    it('posts the first page of each slice itself and hands the rest of a big slice to a worker', async () => {
      // 4 slices, 8 connections inline: 2 per slice; slices with more continue in a worker.
      const { store, broadcaster, workers, fanout } = setup({ slices: 4, inlineMaxConnections: 8 });
      const ids = store.fill(production, 40);
      const result = await fanout.deliver([flag('a', 1)]);
      expect(broadcaster.posts).toHaveLength(8);
      expect(workers.tasks.length).toBe(4);
      expect(result.workerTasks).toBe(4);
      for (const task of workers.tasks) {
        expect(task).toMatchObject({ ...production, frames: [expect.stringContaining('"patch"')] });
        expect(task.startAfter).toBeDefined();
      }
      // The workers' share plus what was posted inline is every connection, once.
      const delivery = new SliceDelivery(store, broadcaster, { slices: 4 });
      for (const task of workers.tasks) await delivery.slice(task);
      expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(ids.sort());
    });

    it('hands every slice to a worker when the threshold is 0', async () => {
      const { store, broadcaster, workers, fanout } = setup({ slices: 4, inlineMaxConnections: 0 });
      store.fill(production, 3);
      await fanout.deliver([flag('a', 1)]);
      expect(broadcaster.posts).toEqual([]);
      expect(workers.tasks.map((t) => t.slice).sort()).toEqual([0, 1, 2, 3]);
      expect(workers.tasks.every((t) => t.startAfter === undefined)).toBe(true);
    });

    it('sends a worker a refetch instead of frames too big for an asynchronous invocation', async () => {
      const { store, workers, fanout } = setup({ slices: 2, inlineMaxConnections: 0, maxTaskBytes: 1_000 });
      store.fill(production, 1);
      await fanout.deliver([flag('a', 1, production, { description: 'x'.repeat(2_000) })]);
      expect(workers.tasks.map((t) => t.frames)).toEqual([[REFETCH], [REFETCH]]);
    });

    it('reports the environment when a worker cannot be started', async () => {
      const { store, workers, fanout } = setup({ slices: 2, inlineMaxConnections: 0 });
      store.fill(production, 1);
      workers.failing = true;
      const change = flag('a', 1);
      expect((await fanout.deliver([change])).failedSequences).toEqual([change.sequence]);
    });
  });
});

describe('FanoutService.deliverCommitted (the fast path)', () => {
  // 4 slices, 8 connections inline (2 per slice); the fast path covers environments up to 40 (10 per slice).
  const options = { slices: 4, inlineMaxConnections: 8, fastPathMaxConnections: 40 };

  it('posts to every connection of a small environment itself, starting no worker', async () => {
    const { store, broadcaster, workers, fanout } = setup(options);
    const ids = store.fill(production, 24);
    const result = await fanout.deliverCommitted([flag('a', 1)]);
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(ids.sort());
    expect(result.workerTasks).toBe(0);
    expect(workers.tasks).toEqual([]);
  });

  it('delivers only the slices of its part: the parts together reach each connection once', async () => {
    const { store, broadcaster, fanout } = setup(options);
    const ids = store.fill(production, 24);
    await fanout.deliverCommitted([flag('a', 1)], { index: 0, of: 2 });
    const first = broadcaster.posts.map((p) => p.connectionId);
    await fanout.deliverCommitted([flag('a', 1)], { index: 1, of: 2 });
    const second = broadcaster.posts.slice(first.length).map((p) => p.connectionId);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect([...first, ...second].sort()).toEqual(ids.sort());
  });

  it('leaves browsers to the stream’s fan-out', async () => {
    const { store, broadcaster, workers, fanout } = setup(options);
    store.fill(production, 24, 'browser', 0, 'client');
    const result = await fanout.deliverCommitted([flag('a', 1)]);
    expect(broadcaster.posts).toEqual([]);
    expect(result.counts.unchanged).toBe(24);
    expect(workers.tasks).toEqual([]);
  });

  it('posts only its inline share in a bigger environment and starts no worker: the stream posts to all', async () => {
    const { store, broadcaster, workers, fanout } = setup(options);
    store.fill(production, 60);
    const result = await fanout.deliverCommitted([flag('a', 1)]);
    expect(result.counts.sent).toBe(8);
    expect(new Set(broadcaster.posts.map((p) => p.connectionId)).size).toBe(8);
    expect(workers.tasks).toEqual([]);
    expect(result.failedSequences).toEqual([]);
  });

  it('posts a part only from the replica that claims it first', async () => {
    const claims = new MemoryPartClaims();
    const { store, broadcaster, fanout } = setup({ ...options, claims });
    const ids = store.fill(production, 24);
    const half = { index: 0, of: 2 };
    const replicas = await Promise.all([
      fanout.deliverCommitted([flag('a', 1)], half, 'handoff-1'),
      fanout.deliverCommitted([flag('a', 1)], half, 'handoff-1'),
    ]);
    const sent = replicas.map((r) => r.counts.sent);
    expect(sent.filter((n) => n > 0)).toHaveLength(1);
    await fanout.deliverCommitted([flag('a', 1)], { index: 1, of: 2 }, 'handoff-1');
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(ids.sort());
    // The next hand-off's replicas race afresh.
    const next = await fanout.deliverCommitted([flag('a', 2)], half, 'handoff-2');
    expect(next.counts.sent).toBe(Math.max(...sent));
  });

  it('posts when its claim cannot be recorded: a duplicate costs a post, a gap waits for the stream', async () => {
    const claims = new MemoryPartClaims();
    claims.failing = new Error('ProvisionedThroughputExceededException');
    const { store, broadcaster, fanout } = setup({ ...options, claims });
    const ids = store.fill(production, 6);
    await fanout.deliverCommitted([flag('a', 1)], undefined, 'handoff-1');
    await fanout.deliverCommitted([flag('a', 1)], undefined, 'handoff-1');
    expect(broadcaster.posts).toHaveLength(2 * ids.length);
  });
});

describe('the fast path’s marks: the stream skips what the fast path posted', () => {
  const halves = [
    { index: 0, of: 2 },
    { index: 1, of: 2 },
  ];
  const fastPath = async (fanout: FanoutService, change: ItemChange) => {
    for (const part of halves) await fanout.deliverCommitted([change], part);
  };

  it('posts each server connection a change once, and still handles browsers', async () => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, fanout } = setup({ marks });
    const servers = store.fill(production, 24);
    store.fill(production, 6, 'browser', 0, 'client');
    await fastPath(fanout, flag('a', 1));
    const stream = await fanout.deliver([flag('a', 1)]);
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(servers.sort());
    expect(stream.counts).toMatchObject({ sent: 0, skipped: 24, unchanged: 6, failed: 0 });
    expect(stream.failedSequences).toEqual([]);
    // Each part: one write marking its slices with connections and declining the empty ones (a
    // connection that registers there later is the stream's), one settling them as posted.
    const slices = new Set(servers.map((id) => sliceOf(id, 16)));
    const part = (index: number, withConnections: boolean) =>
      [...Array(16).keys()].filter((s) => s % 2 === index && slices.has(s) === withConnections).join(',');
    expect(marks.writes).toEqual([
      `posting ${part(0, true)} declining ${part(0, false)}`,
      `settle ${part(0, true)} of ${part(0, true)}`,
      `posting ${part(1, true)} declining ${part(1, false)}`,
      `settle ${part(1, true)} of ${part(1, true)}`,
    ]);
  });

  it('posts again to the slice where a fast-path post failed, and to no other', async () => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, fanout } = setup({ marks });
    const servers = store.fill(production, 24);
    const failing = servers[0] as string;
    const slice = sliceOf(failing, 16);
    broadcaster.failing.add(failing);
    await fastPath(fanout, flag('a', 1));
    broadcaster.failing.clear();
    const before = broadcaster.posts.length;
    const stream = await fanout.deliver([flag('a', 1)]);
    const again = broadcaster.posts.slice(before).map((p) => p.connectionId);
    const inSlice = servers.filter((id) => sliceOf(id, 16) === slice);
    expect(again.sort()).toEqual(inSlice.sort());
    expect(stream.counts).toMatchObject({ sent: inSlice.length, skipped: 24 - inSlice.length });
  });

  it('posts to the connections registered after the fast path read their slice', async () => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, fanout, now } = setup({ marks });
    store.fill(production, 12, 'old');
    await fastPath(fanout, flag('a', 1));
    const late = store.fill(production, 4, 'late', now);
    const before = broadcaster.posts.length;
    const stream = await fanout.deliver([flag('a', 1)]);
    expect(
      broadcaster.posts
        .slice(before)
        .map((p) => p.connectionId)
        .sort(),
    ).toEqual(late.sort());
    expect(stream.counts).toMatchObject({ sent: 4, skipped: 12 });
  });

  it('posts a batch with a change the fast path did not deliver (another version) to everyone', async () => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, fanout } = setup({ marks });
    store.fill(production, 12);
    await fastPath(fanout, flag('a', 1));
    const before = broadcaster.posts.length;
    const stream = await fanout.deliver([flag('a', 1), flag('b', 3)]);
    expect(broadcaster.posts.length - before).toBe(24);
    expect(stream.counts).toMatchObject({ sent: 12, skipped: 0 });
  });

  it.each([
    // Every slice is being posted to, as the stream's fan-out starts.
    [
      'still posting',
      (marks: MemoryPostedMarks) => marks.posting(production, [flag('a', 1)], [...Array(16).keys()]),
    ],
    // Handed over by the write path, before the fast path has read (and marked) a slice.
    [
      'handed the change, before it marks a slice',
      (marks: MemoryPostedMarks) => marks.handedOff([flag('a', 1)]),
    ],
  ])('waits for the fast path %s, then skips what it posted', async (_, marked) => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, fanout } = setup({ marks, postedWaitMs: 60_000, postedPollMs: 1 });
    const servers = store.fill(production, 24);
    await marked(marks);
    const stream = fanout.deliver([flag('a', 1)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(broadcaster.posts).toEqual([]);
    await fastPath(fanout, flag('a', 1));
    expect((await stream).counts).toMatchObject({ sent: 0, skipped: 24 });
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(servers.sort());
  });

  it('posts at once to the slices of a hand-off the fast path declined or that was taken back', async () => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, fanout } = setup({ marks, postedWaitMs: 60_000, postedPollMs: 1 });
    const servers = store.fill(production, 24);
    await marks.handedOff([flag('a', 1)]);
    await marks.posting(production, [flag('a', 1)], [], [...Array(16).keys()]);
    expect((await fanout.deliver([flag('a', 1)])).counts).toMatchObject({ sent: 24, skipped: 0 });
    await marks.handedOff([flag('b', 1)]);
    await marks.withdrawn([flag('b', 1)]);
    expect((await fanout.deliver([flag('b', 1)])).counts).toMatchObject({ sent: 24, skipped: 0 });
    expect(broadcaster.posts).toHaveLength(2 * servers.length);
  });

  it('posts once its wait runs out: a fast path that crashed mid-post leaves its marks behind', async () => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, fanout } = setup({ marks, postedWaitMs: 20, postedPollMs: 5, now: Date.now });
    const servers = store.fill(production, 8);
    await marks.posting(production, [flag('a', 1)], [...Array(16).keys()]);
    const stream = await fanout.deliver([flag('a', 1)]);
    expect(stream.counts).toMatchObject({ sent: 8, skipped: 0 });
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(servers.sort());
  });

  it('posts everything when the marks cannot be written or read: a duplicate costs a post', async () => {
    const marks = new MemoryPostedMarks();
    marks.failing = new Error('ProvisionedThroughputExceededException');
    const { store, broadcaster, fanout } = setup({ marks });
    const servers = store.fill(production, 8);
    await fastPath(fanout, flag('a', 1));
    const stream = await fanout.deliver([flag('a', 1)]);
    expect(stream.counts).toMatchObject({ sent: 8, skipped: 0, failed: 0 });
    expect(broadcaster.posts).toHaveLength(2 * servers.length);
  });

  it('hands the rest of a slice the fast path posted in full to a worker that skips whom it reached', async () => {
    const marks = new MemoryPostedMarks();
    const options = { marks, inlineMaxConnections: 16, fastPathMaxConnections: 1600 };
    const { store, broadcaster, workers, delivery, fanout, now } = setup(options);
    const servers = store.fill(production, 40);
    await fanout.deliverCommitted([flag('a', 1)]);
    expect(broadcaster.posts).toHaveLength(40);
    const stream = await fanout.deliver([flag('a', 1)]);
    expect(stream.counts.sent).toBe(0);
    expect(workers.tasks.length).toBeGreaterThan(0);
    expect(workers.tasks.every((task) => task.serversBefore === now - 1_000)).toBe(true);
    let skipped = stream.counts.skipped;
    for (const task of workers.tasks) skipped += (await delivery.slice(task)).counts.skipped;
    expect(skipped).toBe(servers.length);
    expect(broadcaster.posts).toHaveLength(40);
    // Registered within a second of the fast path's read: posted again, inline or by the worker.
    const late = store.fill(production, 30, 'late', now);
    workers.tasks.splice(0);
    await fanout.deliverCommitted([flag('a', 2)]);
    await fanout.deliver([flag('a', 2)]);
    for (const task of workers.tasks) await delivery.slice(task);
    const v2 = (id: string) => broadcaster.framesTo(id).filter((f) => JSON.parse(f).version === 2).length;
    expect(late.map(v2)).toEqual(late.map(() => 2));
    expect(servers.map(v2)).toEqual(servers.map(() => 1));
  });

  it('marks only the slices it posts to in full: the stream posts to the bigger ones', async () => {
    const marks = new MemoryPostedMarks();
    const { store, fanout } = setup({ marks, inlineMaxConnections: 16, fastPathMaxConnections: 16 });
    // 14 connections: 6 slices with one, 4 with more.
    const ids = store.fill(production, 14);
    const sizes = new Map<number, number>();
    for (const id of ids) sizes.set(sliceOf(id, 16), (sizes.get(sliceOf(id, 16)) ?? 0) + 1);
    const single = [...sizes.values()].filter((n) => n === 1).length;
    await fanout.deliverCommitted([flag('a', 1)]);
    const whole = [...sizes].filter(([, n]) => n === 1).map(([slice]) => slice);
    expect(marks.writes[0]?.split(' ')[1]?.split(',').map(Number).sort()).toEqual(whole.sort());
    // One connection per slice inline, the rest of a bigger slice by a worker.
    const stream = await fanout.deliver([flag('a', 1)]);
    expect(stream.counts).toMatchObject({ skipped: single, sent: sizes.size - single });
    expect(stream.workerTasks).toBeGreaterThanOrEqual(sizes.size - single);
  });
});

describe('SliceDelivery.slice (the worker)', () => {
  it('reads the slice page by page from startAfter and posts to each connection once', async () => {
    const { store, broadcaster } = setup({ slices: 1 });
    const ids = store.fill(production, 25);
    const delivery = new SliceDelivery(store, broadcaster, { slices: 1, pageSize: 4 });
    const { counts, continueAfter } = await delivery.slice({
      ...production,
      slice: 0,
      startAfter: ids[4],
      frames: ['{"type":"refetch"}'],
    });
    expect(continueAfter).toBeUndefined();
    expect(counts.sent).toBe(20);
    expect(broadcaster.posts.map((p) => p.connectionId)).toEqual(ids.slice(5));
  });

  it('posts a retry only to the connections it lists, and says which failed again', async () => {
    const { store, broadcaster } = setup({ slices: 1 });
    const ids = store.fill(production, 10) as [string, ...string[]];
    broadcaster.failing.add(ids[5] as string);
    const delivery = new SliceDelivery(store, broadcaster, { slices: 1, pageSize: 3 });
    const { counts, failed } = await delivery.slice({
      ...production,
      slice: 0,
      frames: ['{"type":"refetch"}'],
      connections: [ids[2] as string, ids[5] as string, 'disconnected-since'],
      attempt: 1,
    });
    expect(broadcaster.posts.map((p) => p.connectionId)).toEqual([ids[2]]);
    expect(counts).toMatchObject({ sent: 1, failed: 1 });
    expect(failed).toEqual([ids[5]]);
  });

  it('stops between pages when told to and says where to continue', async () => {
    const { store, broadcaster } = setup({ slices: 1 });
    const ids = store.fill(production, 10);
    const delivery = new SliceDelivery(store, broadcaster, { slices: 1, pageSize: 3 });
    const { continueAfter } = await delivery.slice({ ...production, slice: 0, frames: ['{}'] }, () => true);
    expect(broadcaster.posts.map((p) => p.connectionId)).toEqual(ids.slice(0, 3));
    expect(continueAfter).toBe(ids[2]);
  });
});
