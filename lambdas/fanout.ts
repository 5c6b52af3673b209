import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { countSetting } from './adapters/config.js';
import { changeFromRecord } from './adapters/dynamodb/stream-records.js';
import { countChanges, countPosts, instrumented, logger } from './adapters/telemetry.js';
import { type DeliveryContainerOptions, fanoutContainer } from './delivery-container.js';
import type { CommittedEvent } from './domain/committed-changes.js';
import type { ItemChange } from './domain/delivery.js';
import { readCommittedEvent } from './domain/internal-messages.js';
import type { FanoutResult, FanoutService } from './services/fanout-service.js';

export type FanoutHandler = (event: DynamoDBStreamEvent | CommittedEvent) => Promise<DynamoDBBatchResponse>;

function logUnusual(path: string, records: number, changes: number, result: FanoutResult): void {
  // Quiet when all went well: this runs for every flag change, locally in the runtime's own output.
  if (result.counts.failed === 0 && result.counts.gone === 0 && result.failedSequences.length === 0) return;
  logger.warn(path, {
    records,
    changes,
    ...result.counts,
    environments: result.environments,
    workerTasks: result.workerTasks,
    failedEnvironments: result.failedSequences.length,
  });
}

/** `FANOUT_INLINE_MAX_CONNECTIONS`, read per invocation; see {@link FanoutOptions.inlineMaxConnections}. */
export const INLINE_MAX_VAR = 'FANOUT_INLINE_MAX_CONNECTIONS';

/**
 * The fan-out on the flags table's stream (filtered to `ENV#…` flag and segment items): delivers a
 * batch and reports, as partial batch failures, the first record of each environment it could not
 * deliver to; Lambda retries from there (bisecting on errors), and SDKs ignore what they already hold.
 * Invoked asynchronously by the write path with a {@link CommittedEvent}, it delivers those changes
 * at once (the fast path) and leaves any failure to the stream.
 */
export function createFanoutHandler(options: DeliveryContainerOptions = {}): FanoutHandler {
  let service: FanoutService | undefined;
  let inlineMax: number | undefined;
  return async (event) => {
    const configured = options.inlineMaxConnections ?? countSetting(INLINE_MAX_VAR);
    if (!service || configured !== inlineMax) {
      inlineMax = configured;
      service = fanoutContainer({
        ...options,
        ...(configured === undefined ? {} : { inlineMaxConnections: configured }),
      });
    }
    if (!('Records' in event)) {
      // The fast path: delivered once, never retried (no failures reported, nothing thrown), as
      // the stream delivers the same changes moments later.
      const read = readCommittedEvent(event);
      if (!read.ok) {
        logger.error('fanout: malformed hand-off', { problem: read.problem });
        return { batchItemFailures: [] };
      }
      const changes = read.value.committed;
      countChanges(changes, false);
      const result = await service.deliverCommitted(changes, read.value.part, read.value.handoff);
      countPosts(result.counts);
      logUnusual('fanout (fast path)', changes.length, changes.length, result);
      return { batchItemFailures: [] };
    }
    const changes: ItemChange[] = [];
    for (const record of event.Records) {
      const change = changeFromRecord(record);
      if (change) changes.push(change);
      else
        logger.warn('fanout: skipping a record that is not a flag or segment change', {
          eventId: record.eventID,
        });
    }
    countChanges(changes, true);
    const result = await service.deliver(changes);
    countPosts(result.counts);
    logUnusual('fanout', event.Records.length, changes.length, result);
    return { batchItemFailures: result.failedSequences.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

export const handler = instrumented(createFanoutHandler());
