import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { LambdaWorkerDispatcher } from './adapters/lambda/worker-dispatcher.js';
import { type DeliveryContainerOptions, sliceDelivery } from './delivery-container.js';
import type { SliceTask, WorkerDispatcher } from './services/delivery-ports.js';
import type { SliceDelivery } from './services/fanout-service.js';

const sliceTask = z.object({
  project: z.string().min(1),
  env: z.string().min(1),
  slice: z.number().int().min(0),
  startAfter: z.string().min(1).optional(),
  frames: z.array(z.string()).min(1),
  // The batch for browser connections (see `ClientBatch`); absent in tasks from before it existed.
  client: z
    .object({
      changes: z.array(
        z.object({
          kind: z.enum(['flag', 'segment']),
          key: z.string().min(1),
          version: z.number().int(),
          deleted: z.literal(true).optional(),
          previous: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
      uncertainSince: z.number().optional(),
      complete: z.boolean(),
    })
    .optional(),
  // A retry of the connections whose posts failed (see `SliceTask`).
  connections: z.array(z.string().min(1)).min(1).max(10_000).optional(),
  attempt: z.number().int().min(1).optional(),
});

/**
 * Retries of failed connections a worker hands on before it fails its invocation instead (Lambda
 * then retries that twice and keeps it in the on-failure queue).
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
   * A retry waits this long, doubled per attempt and jittered, before posting: a throttled gateway
   * gets room before the same connections are tried again. @default 500
   */
  readonly retryDelayMs?: number;
}

/**
 * A fan-out worker (invoked asynchronously by the fan-out): posts one environment's frames to the
 * connections of one slice, from `startAfter` on, or, for a retry, to the connections it lists. Close
 * to its timeout it passes the rest of the slice to a new invocation of itself. Connections whose
 * posts failed are handed to a new invocation that tries those alone (up to
 * {@link MAX_RETRY_ATTEMPTS} times); after that the invocation fails, so Lambda retries it (twice).
 * SDKs ignore the versions they already hold.
 */
export function createFanoutWorkerHandler(options: FanoutWorkerOptions = {}): FanoutWorkerHandler {
  let delivery: SliceDelivery | undefined;
  let continuation: WorkerDispatcher | undefined;
  const reserveMs = options.reserveMs ?? 30_000;
  const retryDelayMs = options.retryDelayMs ?? 500;
  return async (event, context) => {
    const parsed = sliceTask.safeParse(event);
    if (!parsed.success) {
      // A malformed task cannot succeed on retry: log it and drop it.
      console.error('fanout-worker: malformed task', z.prettifyError(parsed.error));
      return;
    }
    const task: SliceTask = parsed.data;
    delivery ??= sliceDelivery(options);
    const attempt = task.attempt ?? 0;
    if (attempt > 0 && retryDelayMs > 0) {
      await new Promise((resolve) =>
        setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random())),
      );
    }
    const { counts, failed, continueAfter } = await delivery.slice(
      task,
      () => context !== undefined && context.getRemainingTimeInMillis() < reserveMs,
    );
    const workers = () => {
      continuation ??= options.workers ?? new LambdaWorkerDispatcher();
      return continuation;
    };
    if (continueAfter !== undefined) await workers().dispatch({ ...task, startAfter: continueAfter });
    if (failed.length === 0) return;
    if (attempt >= MAX_RETRY_ATTEMPTS) {
      throw new Error(`fanout-worker: ${counts.failed} of ${counts.sent + counts.failed} posts failed`);
    }
    const { startAfter: _startAfter, ...slice } = task;
    await workers().dispatch({ ...slice, connections: failed, attempt: attempt + 1 });
  };
}

export const handler = createFanoutWorkerHandler();
