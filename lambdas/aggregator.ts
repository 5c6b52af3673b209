import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { DynamoAnalyticsStore } from './adapters/dynamodb/analytics-store.js';
import { sharedDocumentClient } from './adapters/dynamodb/client.js';
import { count, instrumented, logWarning } from './adapters/telemetry.js';
import {
  type AggregatorOptions,
  AggregatorService,
  type StreamRecord,
} from './services/aggregator-service.js';
import type { AnalyticsWriter } from './services/analytics-ports.js';

export interface AggregatorHandlerOptions extends AggregatorOptions {
  readonly client?: DynamoDBDocumentClient;
  /** Replaces the DynamoDB writer (tests inject failures through it). */
  readonly writer?: AnalyticsWriter;
}

export type AggregatorHandler = (event: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse>;

/** `shardId-000000000001:4959…` → `shardId-000000000001`. */
const shardOf = (eventID: string): string => eventID.slice(0, eventID.indexOf(':'));

/**
 * Builds the aggregator: a Kinesis event source mapping handler with `ReportBatchItemFailures`.
 * It never throws for a write failure: it answers the earliest record whose effect is not fully
 * written, so Lambda retries from there and the records before it are not sent again.
 */
export function createAggregatorHandler(options: AggregatorHandlerOptions = {}): AggregatorHandler {
  let service: AggregatorService | undefined;
  return async (event) => {
    service ??= new AggregatorService(
      options.writer ?? new DynamoAnalyticsStore(options.client ?? sharedDocumentClient()),
      { log: logWarning, ...options },
    );
    const records: StreamRecord[] = event.Records.map((record) => ({
      shard: shardOf(record.eventID),
      sequenceNumber: record.kinesis.sequenceNumber,
      data: Buffer.from(record.kinesis.data, 'base64').toString('utf8'),
    }));
    const result = await service.process(records);
    count('AggregatorBatchSize', records.length);
    count('AggregatorWrites', result.writes);
    if (result.failedFrom) count('AggregatorFailures');
    return { batchItemFailures: result.failedFrom ? [{ itemIdentifier: result.failedFrom }] : [] };
  };
}

export const handler = instrumented(createAggregatorHandler());
