import { describe, expect, it } from 'vitest';
import {
  MemoryConnectionStore,
  MemoryPostedMarks,
  RecordingBroadcaster,
  RecordingDispatcher,
} from '../../test/helpers/delivery-fakes.js';
import { evaluationFlag } from '../../test/helpers/evaluation-items.js';
import type { EnvironmentItems } from '../domain/client-delivery.js';
import type { ItemChange } from '../domain/delivery.js';
import type { DeliveredChange, ReceiptSettings } from '../domain/receipts.js';
import { type FanoutOptions, FanoutService, SliceDelivery, slicePart } from './fanout-service.js';
import type { EnvironmentLocator } from './ports.js';
import type { ReceiptRecorder } from './receipt-ports.js';

/** Delivery receipts in the fan-out: receipt fields in frames, and connection counts per part. */
const production = { project: 'p', env: 'production' };
const NOW = 10_000_000;
const COMMITTED = NOW - 60_000;

class FakeRecorder implements ReceiptRecorder {
  readonly connected: { part: string; key: string; version: number; connected: number }[] = [];
  readonly committed: DeliveredChange[] = [];
  readonly exact = new Map<string, number>();

  lookups = 0;

  async recordCommitted(_locator: EnvironmentLocator, changes: readonly DeliveredChange[]) {
    this.committed.push(...changes);
  }
  async committedTimes() {
    this.lookups += 1;
    return this.exact;
  }
  async recordConnected(
    _locator: EnvironmentLocator,
    part: string,
    delivered: readonly { change: DeliveredChange; connected: number }[],
  ) {
    for (const { change, connected } of delivered) {
      this.connected.push({ part, key: change.key, version: change.version, connected });
    }
  }
  total(key: string) {
    return this.connected.filter((c) => c.key === key).reduce((sum, c) => sum + c.connected, 0);
  }
}

let sequence = 0;
const change = (key: string, version: number, kind: ItemChange['kind'] = 'flag'): ItemChange => ({
  ...production,
  kind,
  key,
  version,
  data: evaluationFlag(key, version, { on: true }),
  previous: evaluationFlag(key, version - 1, { on: false }),
  changedAt: COMMITTED,
  sequence: String(++sequence),
});
/** A change as the fast path hands it over, or as the stream reads a put: with its exact time. */
const timed = (key: string, version: number, committedAt = COMMITTED): ItemChange => ({
  ...change(key, version),
  committedAt,
});

function setup(
  settings: ReceiptSettings | undefined,
  current: EnvironmentItems = { flags: new Map(), segments: new Map() },
  options: FanoutOptions = {},
) {
  const store = new MemoryConnectionStore(4);
  const broadcaster = new RecordingBroadcaster();
  const workers = new RecordingDispatcher();
  const recorder = new FakeRecorder();
  const delivery = new SliceDelivery(
    store,
    broadcaster,
    { now: () => NOW, slices: 4 },
    async () => current,
    undefined,
    { settings: async () => settings, recorder },
  );
  const fanout = new FanoutService(store, delivery, workers, { slices: 4, ...options });
  return { store, broadcaster, workers, recorder, delivery, fanout };
}

const framesOf = (broadcaster: RecordingBroadcaster, id: string) =>
  broadcaster.framesTo(id).map((frame) => JSON.parse(frame) as Record<string, unknown>);

describe('FanoutService with delivery receipts', () => {
  it("asks for acks with the rate and the fast path's exact commit time, and counts every connection posted to", async () => {
    const { store, broadcaster, recorder, fanout } = setup({ enabled: true, sampleRate: 0.25 });
    const ids = store.fill(production, 10, 'server');
    recorder.exact.set('beta#3', COMMITTED + 123);
    await fanout.deliver([change('beta', 3)]);
    expect(framesOf(broadcaster, ids[0] as string)).toEqual([
      expect.objectContaining({ type: 'patch', key: 'beta', version: 3, ack: 0.25, at: COMMITTED + 123 }),
    ]);
    expect(recorder.total('beta')).toBe(10);
    // One count per slice, named by the slice: a retried invocation overwrites its own.
    expect(new Set(recorder.connected.map((c) => c.part)).size).toBe(recorder.connected.length);
  });

  it("asks for acks with a change's own exact time, without reading the recorded ones", async () => {
    const { store, broadcaster, recorder, fanout } = setup({ enabled: true, sampleRate: 1 });
    const [id] = store.fill(production, 1, 'server');
    recorder.exact.set('beta#3', COMMITTED + 999);
    await fanout.deliver([timed('beta', 3, COMMITTED + 7)]);
    expect(framesOf(broadcaster, id as string)).toEqual([
      expect.objectContaining({ key: 'beta', version: 3, ack: 1, at: COMMITTED + 7 }),
    ]);
    expect(recorder.lookups).toBe(0);
  });

  it('sends no time the stream alone knows (a deletion: whole seconds): those acks carry no latency', async () => {
    const { store, broadcaster, fanout } = setup({ enabled: true, sampleRate: 1 });
    const [id] = store.fill(production, 1, 'server');
    await fanout.deliver([change('beta', 3)]);
    const [frame] = framesOf(broadcaster, id as string);
    expect(frame).toMatchObject({ ack: 1 });
    expect(frame).not.toHaveProperty('at');
  });

  it('records the exact commit time from one fast-path part, and no connection count from any', async () => {
    const { store, recorder, fanout, broadcaster } = setup({ enabled: true, sampleRate: 1 });
    const [id] = store.fill(production, 4, 'server');
    await fanout.deliverCommitted([timed('beta', 3)], { index: 0, of: 2 });
    await fanout.deliverCommitted([timed('beta', 3)], { index: 1, of: 2 });
    expect(recorder.committed).toEqual([{ key: 'beta', version: 3, sampleRate: 1, committedAt: COMMITTED }]);
    expect(recorder.connected).toEqual([]);
    expect(framesOf(broadcaster, id as string)[0]).toMatchObject({ at: COMMITTED });
  });

  it('counts the server connections the stream skips (the fast path posted to them) as reached', async () => {
    const marks = new MemoryPostedMarks();
    const { store, broadcaster, recorder, fanout } = setup({ enabled: true, sampleRate: 1 }, undefined, {
      marks,
    });
    store.fill(production, 6, 'server');
    await fanout.deliverCommitted([timed('beta', 3)]);
    const posted = broadcaster.posts.length;
    const stream = await fanout.deliver([change('beta', 3)]);
    expect(broadcaster.posts).toHaveLength(posted);
    expect(stream.counts).toMatchObject({ sent: 0, skipped: 6 });
    expect(recorder.total('beta')).toBe(6);
  });

  it('leaves frames as they were, and records nothing, in an environment that did not opt in', async () => {
    for (const settings of [undefined, { enabled: false, sampleRate: 1 }]) {
      const { store, broadcaster, recorder, fanout } = setup(settings);
      const [id] = store.fill(production, 2, 'server');
      await fanout.deliver([change('beta', 3)]);
      expect(framesOf(broadcaster, id as string)[0]).not.toHaveProperty('ack');
      expect(recorder.connected).toEqual([]);
    }
  });

  it('asks nothing of segment changes: receipts are kept per flag', async () => {
    const { store, broadcaster, recorder, fanout } = setup({ enabled: true, sampleRate: 1 });
    const [id] = store.fill(production, 1, 'server');
    await fanout.deliver([change('staff', 2, 'segment')]);
    expect(framesOf(broadcaster, id as string)[0]).not.toHaveProperty('ack');
    expect(recorder.connected).toEqual([]);
  });

  it('counts a browser for the flags its values message held, and asks it to ack', async () => {
    const after = evaluationFlag('beta', 3, { on: true });
    const current = { flags: new Map([['beta', after]]), segments: new Map() };
    const { store, broadcaster, recorder, fanout } = setup({ enabled: true, sampleRate: 1 }, current);
    store.connections.set('browser', {
      ...production,
      connectionId: 'browser',
      connectedAt: 0,
      sdk: 'client',
      identity: { context: JSON.stringify({ kind: 'user', key: 'ada' }), id: 2, at: 0 },
    });
    store.fill(production, 2, 'server');
    recorder.exact.set('beta#3', COMMITTED + 5);
    await fanout.deliver([{ ...change('beta', 3), data: after }]);
    expect(framesOf(broadcaster, 'browser')).toEqual([
      expect.objectContaining({ type: 'values', id: 2, ack: 1, at: COMMITTED + 5 }),
    ]);
    expect(recorder.total('beta')).toBe(3);
  });

  it("counts a worker's part of a slice from the receipt fields of its frames", async () => {
    const { store, recorder, delivery } = setup({ enabled: true, sampleRate: 0.5 });
    store.fill(production, 8, 'server');
    const frame = JSON.stringify({
      type: 'patch',
      kind: 'flag',
      key: 'beta',
      version: 3,
      data: {},
      ack: 0.5,
      at: 7,
    });
    for (const slice of [0, 1, 2, 3])
      await delivery.slice({ ...production, slice, frames: [frame], startAfter: '' });
    expect(recorder.total('beta')).toBe(8);
    expect(recorder.connected.map((c) => c.part).sort()).toEqual(['0>', '1>', '2>', '3>']);
  });

  it('names worker parts by where they start or which retry they are', () => {
    expect(slicePart({ slice: 3 })).toBe('3');
    expect(slicePart({ slice: 3, startAfter: 'abc=' })).toBe('3>abc=');
    expect(slicePart({ slice: 3, connections: ['x=', 'y='], attempt: 2 })).toBe('3r2:2:x=');
  });
});
