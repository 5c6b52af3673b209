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
});

export type FanoutWorkerHandler = (
  event: unknown,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
) => Promise<void>;

export interface FanoutWorkerOptions extends DeliveryContainerOptions {
  /** Hand the rest of the slice to a fresh invocation when less than this is left. @default 30000 */
  readonly reserveMs?: number;
}

/**
 * A fan-out worker (invoked asynchronously by the fan-out): posts one environment's frames to the
 * connections of one slice, from `startAfter` on. Close to its timeout it passes the rest of the
 * slice to a new invocation of itself. Posting failures make the invocation fail, so Lambda retries
 * it (twice); SDKs ignore the versions they already hold.
 */
export function createFanoutWorkerHandler(options: FanoutWorkerOptions = {}): FanoutWorkerHandler {
  let delivery: SliceDelivery | undefined;
  let continuation: WorkerDispatcher | undefined;
  const reserveMs = options.reserveMs ?? 30_000;
  return async (event, context) => {
    const parsed = sliceTask.safeParse(event);
    if (!parsed.success) {
      // A malformed task cannot succeed on retry: log it and drop it.
      console.error('fanout-worker: malformed task', z.prettifyError(parsed.error));
      return;
    }
    const task: SliceTask = parsed.data;
    delivery ??= sliceDelivery(options);
    const { counts, continueAfter } = await delivery.slice(
      task,
      () => context !== undefined && context.getRemainingTimeInMillis() < reserveMs,
    );
    if (continueAfter !== undefined) {
      continuation ??= options.workers ?? new LambdaWorkerDispatcher();
      await continuation.dispatch({ ...task, startAfter: continueAfter });
    }
    if (counts.failed > 0) {
      throw new Error(`fanout-worker: ${counts.failed} of ${counts.sent + counts.failed} posts failed`);
    }
  };
}

export const handler = createFanoutWorkerHandler();
