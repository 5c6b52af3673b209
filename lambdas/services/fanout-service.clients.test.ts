import { describe, expect, it } from 'vitest';
import {
  MemoryConnectionStore,
  RecordingBroadcaster,
  RecordingDispatcher,
} from '../../test/helpers/delivery-fakes.js';
import { evaluationFlag, evaluationSegment } from '../../test/helpers/evaluation-items.js';
import { answerDigest, type EnvironmentItems } from '../domain/client-delivery.js';
import type { ItemChange } from '../domain/delivery.js';
import { type FanoutOptions, FanoutService, SliceDelivery } from './fanout-service.js';

/** Client connections in the fan-out: per-context values, with the fakes of `test/helpers`. */
const production = { project: 'p', env: 'production' };
const NOW = 10_000_000;
const flag = evaluationFlag;
const targeting = (version: number, keys: string[]) =>
  flag('checkout', version, { targets: [{ variation: 1, values: keys }] });

let sequence = 0;
const change = (previous: object | undefined, data: Record<string, unknown>): ItemChange => ({
  ...production,
  kind: 'flag',
  key: data.key as string,
  version: data.version as number,
  data,
  previous: previous as Record<string, unknown> | undefined,
  // Written a minute before the fan-out runs: identities stored earlier are compared exactly.
  changedAt: NOW - 60_000,
  sequence: String(++sequence),
});

function setup(current: EnvironmentItems, options: FanoutOptions = {}) {
  const store = new MemoryConnectionStore(options.slices ?? 4);
  const broadcaster = new RecordingBroadcaster();
  const workers = new RecordingDispatcher();
  let reads = 0;
  let clock = NOW;
  // A read takes 5 ms: pushes carry the time it began.
  const reader = async () => {
    reads += 1;
    clock += 5;
    return current;
  };
  const delivery = new SliceDelivery(store, broadcaster, { now: () => clock, slices: 4, ...options }, reader);
  const fanout = new FanoutService(store, delivery, workers, { slices: 4, ...options });
  /** Registers a browser identified as `key` (identify id 2) `identifiedAt` ms before now. */
  const browser = (key: string, identifiedAgoMs = 600_000, answer?: Record<string, string>) => {
    const connectionId = `browser-${key}`;
    store.connections.set(connectionId, {
      ...production,
      connectionId,
      connectedAt: 0,
      sdk: 'client',
      identity: {
        context: JSON.stringify({ kind: 'user', key }),
        id: 2,
        at: NOW - identifiedAgoMs,
        ...(answer === undefined ? {} : { answer }),
      },
    });
    return connectionId;
  };
  const values = (connectionId: string) =>
    broadcaster
      .framesTo(connectionId)
      .map((frame) => JSON.parse(frame) as { type: string; id: number; values: object });
  return { store, broadcaster, workers, delivery, fanout, browser, values, reads: () => reads };
}

const environment = (...flags: Record<string, unknown>[]): EnvironmentItems => ({
  flags: new Map(flags.map((f) => [f.key as string, f])),
  segments: new Map(),
});

describe('FanoutService with browser connections', () => {
  it('posts values only to the contexts whose result changed, only the changed flags, with their id and the time of the state read', async () => {
    const after = targeting(2, ['ada']);
    const { fanout, browser, values, store, broadcaster } = setup(environment(after, flag('other', 1)));
    const ada = browser('ada');
    const bob = browser('bob');
    const [server] = store.fill(production, 1, 'server');
    const result = await fanout.deliver([change(targeting(1, []), after)]);
    expect(values(ada)).toEqual([
      {
        type: 'values',
        id: 2,
        partial: true,
        stateAt: NOW,
        values: {
          checkout: { value: true, variationIndex: 1, version: 2, reason: { kind: 'TARGET_MATCH' } },
        },
      },
    ]);
    expect(values(bob)).toEqual([]);
    // Server connections still get the flag itself, as before.
    expect(JSON.parse(broadcaster.framesTo(server as string)[0] as string)).toMatchObject({ type: 'patch' });
    expect(result.counts).toMatchObject({ sent: 2, unchanged: 1, failed: 0 });
  });

  it('leaves a browser that has not identified yet alone, and reads the environment only when needed', async () => {
    const after = targeting(2, ['ada']);
    const { fanout, store, broadcaster, reads } = setup(environment(after));
    store.fill(production, 2, 'server');
    await fanout.deliver([change(targeting(1, []), after)]);
    expect(reads()).toBe(0);
    const [fresh] = store.fill(production, 1, 'new', 0, 'client');
    await fanout.deliver([change(targeting(1, []), after)]);
    expect(broadcaster.framesTo(fresh as string)).toEqual([]);
    expect(reads()).toBe(0);
  });

  it('sends every affected flag to a context identified after the batch began', async () => {
    const after = targeting(2, ['ada']);
    const { fanout, browser, values } = setup(environment(after));
    const recent = browser('bob', 30_000);
    await fanout.deliver([change(targeting(1, []), after)]);
    expect(values(recent)[0]?.values).toEqual({
      checkout: { value: false, variationIndex: 0, version: 2, reason: { kind: 'FALLTHROUGH' } },
    });
  });

  it('compares a context identified since the batch began with its answer as well', async () => {
    const before = targeting(1, []);
    const after = targeting(2, ['ada']);
    const { fanout, browser, values } = setup(environment(after));
    const fallthrough = {
      value: false,
      variationIndex: 0,
      version: 1,
      reason: { kind: 'FALLTHROUGH' as const },
    };
    const targeted = {
      value: true,
      variationIndex: 1,
      version: 2,
      reason: { kind: 'TARGET_MATCH' as const },
    };
    // Answered before the change reached the read: compared with both, nothing changed for bob.
    const bob = browser('bob', 30_000, answerDigest({ checkout: fallthrough }));
    // Answered with the change already in: ada holds the new value, yet the state before says otherwise.
    const ada = browser('ada', 30_000, answerDigest({ checkout: targeted }));
    // Answered from something else (the flag was not client-side then): sent the current value.
    const cy = browser('cy', 30_000, answerDigest({}));
    await fanout.deliver([change(before, after)]);
    expect(values(bob)).toEqual([]);
    expect(values(ada)[0]?.values).toMatchObject({ checkout: { value: true } });
    expect(values(cy)[0]?.values).toMatchObject({ checkout: { value: false } });
  });

  it('records what a browser holds after a push, and compares later batches with it', async () => {
    const segment = evaluationSegment;
    const inSegment = (key: string) => ({
      id: key,
      clauses: [{ attribute: 'key', op: 'segmentMatch', values: [key], negate: false }],
      variation: 1,
    });
    // Either segment turns the flag on for a context.
    const either = flag('either', 1, { rules: [inSegment('s1'), inSegment('s2')] });
    const [s1, s2] = [segment('s1', 1, []), segment('s2', 1, [])];
    const [s1Ada, s2Ada] = [segment('s1', 2, ['ada']), segment('s2', 2, ['ada'])];
    // Both batches are committed before the first fan-out reads the environment.
    const current: EnvironmentItems = {
      flags: new Map([['either', either]]),
      segments: new Map([
        ['s1', s1Ada],
        ['s2', s2Ada],
      ]),
    };
    const { fanout, browser, values, store } = setup(current);
    const off = { value: false, variationIndex: 0, version: 1, reason: { kind: 'FALLTHROUGH' as const } };
    const ada = browser('ada', 600_000, answerDigest({ either: off }));
    const segmentChange = (before: object, after: Record<string, unknown>): ItemChange => ({
      ...change(before, after),
      kind: 'segment',
    });
    // Seen against the state after both, neither batch alone changes ada's result; her answer does.
    await fanout.deliver([segmentChange(s1, s1Ada)]);
    expect(values(ada).map((m) => m.values)).toEqual([{ either: expect.objectContaining({ value: true }) }]);
    expect(store.connections.get(ada)?.identity?.answer).toEqual(
      answerDigest({
        either: { value: true, variationIndex: 1, version: 1, reason: { kind: 'RULE_MATCH', ruleIndex: 0 } },
      }),
    );
    await fanout.deliver([segmentChange(s2, s2Ada)]);
    expect(values(ada)).toHaveLength(1);
  });

  it('retries the browsers whose items could not be read, and reports the environment if it cannot', async () => {
    const store = new MemoryConnectionStore(4);
    const delivery = new SliceDelivery(store, new RecordingBroadcaster(), { slices: 4 }, async () => {
      throw new Error('ProvisionedThroughputExceededException');
    });
    const workers = new RecordingDispatcher();
    const fanout = new FanoutService(store, delivery, workers, { slices: 4 });
    store.connections.set('b', {
      ...production,
      connectionId: 'b',
      connectedAt: 0,
      sdk: 'client',
      identity: { context: '{"key":"ada"}', id: 1, at: 0 },
    });
    const first = change(targeting(1, []), targeting(2, ['ada']));
    expect((await fanout.deliver([first])).failedSequences).toEqual([]);
    expect(workers.tasks.map((task) => task.connections)).toEqual([['b']]);
    workers.failing = true;
    expect((await fanout.deliver([first])).failedSequences).toEqual([first.sequence]);
  });

  it('gives workers what they need to re-evaluate browsers, with the same result as inline', async () => {
    const after = targeting(2, ['ada']);
    const inline = setup(environment(after));
    const viaWorker = setup(environment(after), { inlineMaxConnections: 0 });
    const ids = ['ada', 'bob', 'cy'].map((key) => [inline.browser(key), viaWorker.browser(key)] as const);
    const batch = [change(targeting(1, []), after)];
    await inline.fanout.deliver(batch);
    await viaWorker.fanout.deliver(batch);
    expect(viaWorker.broadcaster.posts).toEqual([]);
    for (const task of viaWorker.workers.tasks) {
      expect(task.client).toMatchObject({
        complete: true,
        changes: [{ key: 'checkout', previous: { version: 1 } }],
      });
      await viaWorker.delivery.slice(task);
    }
    // The worker reads the environment later, so only its pushes' `stateAt` differ.
    const withoutTime = (frames: object[]) =>
      frames.map(({ stateAt: _, ...frame }: { stateAt?: number }) => frame);
    for (const [a, b] of ids) expect(withoutTime(viaWorker.values(b))).toEqual(withoutTime(inline.values(a)));
  });

  it('keeps server frames in a worker task and sends every affected flag when the batch does not fit', async () => {
    const big = { description: 'x'.repeat(3_000) };
    const after = targeting(2, ['ada']);
    const { fanout, workers, delivery, browser, values } = setup(environment(after), {
      inlineMaxConnections: 0,
      maxTaskBytes: 2_500,
    });
    const bob = browser('bob');
    await fanout.deliver([change({ ...targeting(1, []), ...big }, after)]);
    for (const task of workers.tasks) {
      expect(task.frames[0]).toContain('"patch"');
      expect(task.client?.complete).toBe(false);
      await delivery.slice(task);
    }
    expect(values(bob)[0]?.values).toMatchObject({ checkout: { value: false } });
  });
});
