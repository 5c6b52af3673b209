import { describe, expect, it } from 'vitest';
import {
  MemoryConnectionStore,
  RecordingBroadcaster,
  RecordingDispatcher,
} from '../test/helpers/delivery-fakes.js';
import { createFanoutWorkerHandler, MAX_RETRY_ATTEMPTS } from './fanout-worker.js';

const production = { project: 'p', env: 'production' };

function setup() {
  const connections = new MemoryConnectionStore(1);
  const broadcaster = new RecordingBroadcaster();
  const workers = new RecordingDispatcher();
  const handler = createFanoutWorkerHandler({
    slices: 1,
    connections,
    broadcaster,
    workers,
    // Every connection here is admitted: the environment exists and lists no credential to check.
    access: async () => ({ credentials: new Map() }),
    retryDelayMs: 0,
    environments: async () => ({ flags: new Map(), segments: new Map() }),
  });
  return { connections, broadcaster, workers, handler };
}

describe('fan-out worker', () => {
  it('hands only the connections whose posts failed to a new invocation', async () => {
    const { connections, broadcaster, workers, handler } = setup();
    const [first, failing, last] = connections.fill(production, 3) as [string, string, string];
    broadcaster.failing.add(failing);
    await handler({ ...production, slice: 0, frames: ['{"type":"refetch"}'] });
    expect(broadcaster.posts.map((p) => p.connectionId)).toEqual([first, last]);
    expect(workers.tasks).toEqual([
      expect.objectContaining({ ...production, slice: 0, connections: [failing], attempt: 1 }),
    ]);
  });

  it('fails the invocation when the last retry fails again, so Lambda retries (then keeps) it', async () => {
    const { connections, broadcaster, workers, handler } = setup();
    const [failing] = connections.fill(production, 1) as [string];
    broadcaster.failing.add(failing);
    const retry = {
      ...production,
      slice: 0,
      frames: ['{}'],
      connections: [failing],
      attempt: MAX_RETRY_ATTEMPTS,
    };
    await expect(handler(retry)).rejects.toThrow('1 of 1 posts failed');
    expect(workers.tasks).toEqual([]);
  });
});
