import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { count, instrumented } from './adapters/telemetry.js';
import { type AggregatorContainerOptions, aggregatorContainer } from './analytics-container.js';
import type { StreamRecord } from './services/aggregator-service.js';
import { lazy } from './wiring.js';

export type AggregatorHandlerOptions = AggregatorContainerOptions;

export type AggregatorHandler = (event: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse>;

/** `shardId-000000000001:4959…` → `shardId-000000000001`. */
const shardOf = (eventID: string): string => eventID.slice(0, eventID.indexOf(':'));

/**
 * Builds the aggregator: a Kinesis event source mapping handler with `ReportBatchItemFailures`.
 * It never throws for a write failure: it answers the earliest record whose effect is not fully
 * written, so Lambda retries from there and the records before it are not sent again.
 */
export function createAggregatorHandler(options: AggregatorHandlerOptions = {}): AggregatorHandler {
  const service = lazy(() => aggregatorContainer(options));
  return async (event) => {
    const records: StreamRecord[] = event.Records.map((record) => ({
      shard: shardOf(record.eventID),
      sequenceNumber: record.kinesis.sequenceNumber,
      data: Buffer.from(record.kinesis.data, 'base64').toString('utf8'),
    }));
    const result = await service().process(records);
    count('AggregatorBatchSize', records.length);
    count('AggregatorWrites', result.writes);
    if (result.failedFrom) count('AggregatorFailures');
    return { batchItemFailures: result.failedFrom ? [{ itemIdentifier: result.failedFrom }] : [] };
  };
}

export const handler = instrumented(createAggregatorHandler());
