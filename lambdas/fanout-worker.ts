import type { Context } from 'aws-lambda';
import { LambdaWorkerDispatcher } from './adapters/lambda/worker-dispatcher.js';
import { countPosts, instrumented, logger } from './adapters/telemetry.js';
import { type DeliveryContainerOptions, sliceDelivery } from './delivery-container.js';
import { readSliceTask } from './domain/internal-messages.js';
import type { SliceTask } from './services/delivery-ports.js';
import type { SliceDelivery } from './services/fanout-service.js';
import { AGAIN, retry } from './services/retry.js';
import { lazy } from './wiring.js';

/**
 * Invocations a retry of failed connections may pass through (each one retrying while its time
 * allows) before the last fails instead; Lambda then retries that twice and keeps it in the
 * on-failure queue.
 */
export const MAX_RETRY_ATTEMPTS = 3;

export type FanoutWorkerHandler = (
  event: unknown,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
) => Promise<void>;

export interface FanoutWorkerOptions extends DeliveryContainerOptions {
  /** Hand the rest of the slice to a fresh invocation when less than this is left. @default 30000 */
  readonly reserveMs?: number;
  /**
   * Pause before the n-th (from 1) retry of the connections whose posts failed: a throttled or
   * failing gateway gets room before they are tried again.
   * @default 1 s, doubling up to 30 s
   */
  readonly retryDelayMs?: (attempt: number) => number;
}

const defaultRetryDelay = (attempt: number) => Math.min(1_000 * 2 ** (attempt - 1), 30_000);

/**
 * A fan-out worker (invoked asynchronously by the fan-out): posts one environment's frames to the
 * connections of one slice, from `startAfter` on, or, for a retry, to the connections it lists. Close
 * to its timeout it passes the rest of the slice to a new invocation of itself. Connections whose
 * posts failed (the gateway throttling or failing for a while) are tried again, alone and with
 * backoff, as long as the invocation's time allows: Lambda's two retries of an asynchronous
 * invocation alone would give up on a throttle of a few minutes, and a change given up on never
 * reaches the SDKs that missed it. Out of time, it hands them to a new invocation (up to
 * {@link MAX_RETRY_ATTEMPTS}); the last one fails instead, for Lambda to retry. SDKs ignore the
 * versions they already hold.
 */
export function createFanoutWorkerHandler(options: FanoutWorkerOptions = {}): FanoutWorkerHandler {
  const delivery = lazy(() => sliceDelivery(options));
  const workers = lazy(() => options.workers ?? new LambdaWorkerDispatcher());
  const reserveMs = options.reserveMs ?? 30_000;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  return async (event, context) => {
    const read = readSliceTask(event);
    if (!read.ok) {
      // A malformed task cannot succeed on retry: log it and drop it.
      logger.error('fanout-worker: malformed task', { problem: read.problem });
      return;
    }
    const deliver = delivery();
    const remaining = () => context?.getRemainingTimeInMillis() ?? 0;
    const { startAfter: _startAfter, ...slice } = read.value;
    let task: SliceTask = read.value;
    let postsFailed = { sent: 0, failed: 0 };
    let unread: { readonly error: unknown } | undefined;
    const policy = {
      attempts: Number.POSITIVE_INFINITY,
      delayMs: retryDelay,
      canWait: (delay: number) => remaining() - delay >= reserveMs,
    };
    const left = await retry(policy, async () => {
      let outcome: Awaited<ReturnType<SliceDelivery['slice']>>;
      try {
        outcome = await deliver.slice(task, () => remaining() < reserveMs);
        unread = undefined;
      } catch (error) {
        // Reading the slice failed (DynamoDB throttling or out for a while): the same task again,
        // like failed posts, while time allows; then Lambda's retries.
        unread = { error };
        return AGAIN;
      }
      const { counts, failed, continueAfter } = outcome;
      countPosts(counts);
      if (continueAfter !== undefined) await workers().dispatch({ ...task, startAfter: continueAfter });
      if (failed.length === 0) return undefined;
      postsFailed = counts;
      task = { ...slice, connections: failed };
      return AGAIN;
    });
    if (left !== AGAIN) return;
    if (unread) throw unread.error;
    const invocation = task.attempt ?? 0;
    if (invocation >= MAX_RETRY_ATTEMPTS) {
      const { sent, failed } = postsFailed;
      throw new Error(`fanout-worker: ${failed} of ${sent + failed} posts failed`);
    }
    await workers().dispatch({ ...task, attempt: invocation + 1 });
  };
}

export const handler = instrumented(createFanoutWorkerHandler());
