import { describe, expect, it } from 'vitest';
import {
  MemoryConnectionStore,
  RecordingBroadcaster,
  RecordingDispatcher,
} from '../test/helpers/delivery-fakes.js';
import { captureTelemetry } from './adapters/telemetry-capture.js';
import { sliceOf } from './domain/connection-slices.js';
import { createFanoutWorkerHandler, MAX_RETRY_ATTEMPTS } from './fanout-worker.js';

const production = { project: 'p', env: 'production' };
const frame = JSON.stringify({ type: 'patch', kind: 'flag', key: 'a', version: 2, data: { key: 'a' } });

/** A slice with three connections, the second of which fails its posts `failures` times. */
function setup(failures: number) {
  const connections = new MemoryConnectionStore(1);
  const ids = connections.fill(production, 3) as [string, string, string];
  const broadcaster = new RecordingBroadcaster();
  const throttled = ids[1];
  let left = failures;
  const post = broadcaster.post.bind(broadcaster);
  broadcaster.post = async (connectionId, message) => {
    if (connectionId === throttled && left > 0) {
      left--;
      throw new Error('LimitExceededException');
    }
    return post(connectionId, message);
  };
  const workers = new RecordingDispatcher();
  const options = {
    connections,
    broadcaster,
    workers,
    slices: 1,
    // Every connection here is admitted: the environment exists and lists no credential to check.
    access: async () => ({ credentials: new Map() }),
    environments: async () => ({ flags: new Map(), segments: new Map() }),
  };
  const task = { ...production, slice: sliceOf(throttled, 1), frames: [frame] };
  return { options, ids, broadcaster, workers, throttled, task };
}

/** A handler whose retry pauses last 1 ms, with the attempt number of each pause recorded. */
function withRecordedPauses(options: ReturnType<typeof setup>['options']) {
  const pauses: number[] = [];
  const handler = createFanoutWorkerHandler({
    ...options,
    retryDelayMs: (attempt) => {
      pauses.push(attempt);
      return 1;
    },
  });
  return { handler, pauses };
}

describe('fan-out worker', () => {
  it('drops a malformed task, logging what is wrong with it, without posting', async () => {
    const { options, broadcaster, workers, task } = setup(0);
    const telemetry = captureTelemetry();
    try {
      const handler = createFanoutWorkerHandler(options);
      await expect(handler({ ...task, frames: [] })).resolves.toBeUndefined();
      expect(broadcaster.posts).toEqual([]);
      expect(workers.tasks).toEqual([]);
      expect(telemetry.logs).toMatchObject([
        {
          level: 'ERROR',
          message: 'fanout-worker: malformed task',
          problem: 'frames: expected an array of 1+ items',
        },
      ]);
    } finally {
      telemetry.restore();
    }
  });

  it('retries only the connections whose posts failed, while its time allows, until every post lands', async () => {
    const { options, ids, broadcaster, workers, throttled, task } = setup(3);
    const { handler, pauses } = withRecordedPauses(options);
    await handler(task, { getRemainingTimeInMillis: () => 200_000 });
    expect(broadcaster.framesTo(throttled)).toEqual([frame]);
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual([...ids].sort());
    expect(pauses).toEqual([1, 2, 3]);
    expect(workers.tasks).toEqual([]);
  });

  it('reads its slice again, with backoff, while the table is unavailable and its time allows', async () => {
    const { options, ids, broadcaster, workers, task } = setup(0);
    let unavailable = 2;
    const listSlice = options.connections.listSlice.bind(options.connections);
    options.connections.listSlice = async (...args) => {
      if (unavailable-- > 0) throw new Error('ECONNREFUSED');
      return listSlice(...args);
    };
    const { handler, pauses } = withRecordedPauses(options);
    await handler(task, { getRemainingTimeInMillis: () => 200_000 });
    expect(pauses).toEqual([1, 2]);
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual([...ids].sort());
    expect(workers.tasks).toEqual([]);
    // Out of time, the error fails the invocation for Lambda to retry.
    unavailable = 1;
    await expect(handler(task)).rejects.toThrow('ECONNREFUSED');
  });

  it('out of time, hands only the failed connections to a new invocation', async () => {
    const { options, ids, broadcaster, workers, throttled, task } = setup(1);
    const handler = createFanoutWorkerHandler({ ...options, retryDelayMs: () => 0 });
    await handler(task);
    expect(broadcaster.posts.map((p) => p.connectionId).sort()).toEqual([ids[0], ids[2]].sort());
    expect(workers.tasks).toEqual([
      expect.objectContaining({ ...production, connections: [throttled], attempt: 1 }),
    ]);
  });

  it('fails at once when its first pause (1 s by default) would run into its reserve on the last attempt', async () => {
    const { options, broadcaster, workers, throttled, task } = setup(1);
    const handler = createFanoutWorkerHandler(options);
    const last = { ...task, attempt: MAX_RETRY_ATTEMPTS };
    await expect(handler(last, { getRemainingTimeInMillis: () => 30_500 })).rejects.toThrow(
      '1 of 3 posts failed',
    );
    expect(broadcaster.framesTo(throttled)).toEqual([]);
    expect(workers.tasks).toEqual([]);
  });

  it('fails the last retry invocation once its retries would run into its reserve, so Lambda retries (then keeps) it', async () => {
    const { options, workers, throttled, task } = setup(Number.POSITIVE_INFINITY);
    let left = 40_000;
    const handler = createFanoutWorkerHandler({
      ...options,
      reserveMs: 30_000,
      retryDelayMs: () => {
        left -= 5_000;
        return 1;
      },
    });
    const retry = { ...task, connections: [throttled], attempt: MAX_RETRY_ATTEMPTS };
    await expect(handler(retry, { getRemainingTimeInMillis: () => left })).rejects.toThrow(
      '1 of 1 posts failed',
    );
    expect(workers.tasks).toEqual([]);
  });
});
