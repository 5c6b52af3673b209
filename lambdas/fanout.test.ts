import { describe, expect, it } from 'vitest';
import {
  MemoryConnectionStore,
  MemoryPartClaims,
  MemoryPostedMarks,
  RecordingBroadcaster,
  RecordingDispatcher,
} from '../test/helpers/delivery-fakes.js';
import { captureTelemetry } from './adapters/telemetry-capture.js';
import { type CommittedEvent, fastPathEvents } from './domain/committed-changes.js';
import { createFanoutHandler } from './fanout.js';

const production = { project: 'shop', env: 'production' };
const committed = (version: number): CommittedEvent => ({
  committed: [
    {
      ...production,
      kind: 'flag',
      key: 'beta',
      version,
      data: { key: 'beta', version, on: true },
      changedAt: 1_000,
      sequence: 'commit-1#0',
    },
  ],
});

function setup() {
  const connections = new MemoryConnectionStore(16);
  const broadcaster = new RecordingBroadcaster();
  const handler = createFanoutHandler({
    connections,
    broadcaster,
    claims: new MemoryPartClaims(),
    marks: new MemoryPostedMarks(),
    workers: new RecordingDispatcher(),
    // Only server connections here: browsers' re-evaluation would read the environment.
    environments: async () => ({ flags: new Map(), segments: new Map() }),
    // An environment that lives: connections that recorded no credential are admitted.
    access: async () => ({ credentials: new Map() }),
  });
  return { connections, broadcaster, handler };
}

describe('the fan-out handler, invoked by the write path (fast path)', () => {
  it('posts the committed change to the environment’s server connections', async () => {
    const { connections, broadcaster, handler } = setup();
    const ids = connections.fill(production, 5);
    expect(await handler(committed(3))).toEqual({ batchItemFailures: [] });
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(ids.sort());
    expect(JSON.parse(broadcaster.posts[0]?.frame as string)).toMatchObject({ type: 'patch', version: 3 });
  });

  it('neither throws nor reports failed posts: the stream delivers the change again', async () => {
    const { connections, broadcaster, handler } = setup();
    const [failing] = connections.fill(production, 2);
    broadcaster.failing.add(failing as string);
    const telemetry = captureTelemetry();
    try {
      await expect(handler(committed(4))).resolves.toEqual({ batchItemFailures: [] });
      expect(telemetry.logs[0]).toMatchObject({ level: 'WARN', message: 'fanout (fast path)', failed: 1 });
    } finally {
      telemetry.restore();
    }
  });

  it('posts to the slices of its part only, so the parts of one hand-off reach each connection once', async () => {
    const { connections, broadcaster, handler } = setup();
    const ids = connections.fill(production, 40);
    const parts = fastPathEvents(committed(5).committed, { parts: 8 });
    await handler(parts[0] as CommittedEvent);
    const first = broadcaster.posts.length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(ids.length);
    for (const part of parts.slice(1)) await handler(part);
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(ids.sort());
  });

  it('posts each part once when every part is sent twice (the replicas race for a claim)', async () => {
    const { connections, broadcaster, handler } = setup();
    const ids = connections.fill(production, 40);
    const events = fastPathEvents(committed(5).committed, { parts: 8, replicas: 2, handoff: 'h-1' });
    expect(events).toHaveLength(16);
    await Promise.all(events.map((event) => handler(event)));
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual(ids.sort());
  });

  it('drops a hand-off whose part is out of range without posting', async () => {
    const { connections, broadcaster, handler } = setup();
    connections.fill(production, 2);
    const telemetry = captureTelemetry();
    try {
      expect(await handler({ ...committed(6), part: { index: 8, of: 8 } })).toEqual({
        batchItemFailures: [],
      });
      expect(broadcaster.posts).toEqual([]);
      expect(telemetry.logs).toMatchObject([{ level: 'ERROR', message: 'fanout: malformed hand-off' }]);
    } finally {
      telemetry.restore();
    }
  });

  it('drops a malformed hand-off without posting', async () => {
    const { connections, broadcaster, handler } = setup();
    connections.fill(production, 2);
    const telemetry = captureTelemetry();
    try {
      const malformed = { committed: [{ project: 'shop' }] } as unknown as CommittedEvent;
      expect(await handler(malformed)).toEqual({ batchItemFailures: [] });
      expect(broadcaster.posts).toEqual([]);
      expect(telemetry.logs).toMatchObject([
        { message: 'fanout: malformed hand-off', problem: 'committed[0].env: expected a non-empty string' },
      ]);
    } finally {
      telemetry.restore();
    }
  });
});
