import { describe, expect, it } from 'vitest';
import {
  MemoryConnectionStore,
  RecordingBroadcaster,
  RecordingDispatcher,
} from '../test/helpers/delivery-fakes.js';
import { sliceOf } from './domain/connection-slices.js';
import { createFanoutWorkerHandler } from './fanout-worker.js';

const production = { project: 'p', env: 'production' };
const frame = JSON.stringify({ type: 'patch', kind: 'flag', key: 'a', version: 2, data: { key: 'a' } });

/** A slice with three connections, one of which fails its posts `failures` times. */
function setup(failures: number) {
  const connections = new MemoryConnectionStore(1);
  const ids = connections.fill(production, 3);
  const broadcaster = new RecordingBroadcaster();
  const throttled = ids[1] as string;
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
  const environments = async () => ({ flags: new Map(), segments: new Map() });
  const task = { ...production, slice: sliceOf(throttled, 1), frames: [frame] };
  return {
    options: { connections, broadcaster, workers, environments, slices: 1 },
    broadcaster,
    throttled,
    task,
  };
}

describe('fanout-worker', () => {
  it('goes over the slice again while posts fail and its time allows, until every post lands', async () => {
    const { options, broadcaster, throttled, task } = setup(3);
    const pauses: number[] = [];
    const handler = createFanoutWorkerHandler({
      ...options,
      retryDelayMs: (attempt) => {
        pauses.push(attempt);
        return 1;
      },
    });
    await handler(task, { getRemainingTimeInMillis: () => 200_000 });
    expect(broadcaster.framesTo(throttled)).toEqual([frame]);
    expect(pauses).toEqual([1, 2, 3]);
    expect(options.workers.tasks).toEqual([]);
  });

  it('fails the invocation, for Lambda to retry, once the retries would run into its reserve', async () => {
    const { options, task } = setup(Number.POSITIVE_INFINITY);
    let left = 40_000;
    const handler = createFanoutWorkerHandler({
      ...options,
      reserveMs: 30_000,
      retryDelayMs: () => {
        left -= 5_000;
        return 1;
      },
    });
    await expect(handler(task, { getRemainingTimeInMillis: () => left })).rejects.toThrow(
      '1 of 3 posts failed',
    );
  });

  it('fails at once when its first pause (1 s by default) would run into its reserve', async () => {
    const { options, broadcaster, throttled, task } = setup(1);
    const handler = createFanoutWorkerHandler(options);
    await expect(handler(task, { getRemainingTimeInMillis: () => 30_500 })).rejects.toThrow(
      '1 of 3 posts failed',
    );
    expect(broadcaster.framesTo(throttled)).toEqual([]);
  });
});
