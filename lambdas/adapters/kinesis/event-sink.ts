import { randomBytes } from 'node:crypto';
import type { KinesisClient, PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { ServiceUnavailableError } from '../../errors.js';
import type { EventSink } from '../../services/analytics-ports.js';
import { AGAIN, retry } from '../../services/retry.js';
import { lazy } from '../../wiring.js';
import { awsRequestHandler } from '../client-options.js';
import { streamName } from '../config.js';

/** Kinesis's PutRecords limits: 500 records and 5 MB (data plus partition keys) per call. */
const MAX_RECORDS_PER_CALL = 500;
const MAX_BYTES_PER_CALL = 5 * 1024 * 1024;

export interface KinesisEventSinkOptions {
  readonly client?: KinesisClient;
  /** @default the physical name in the `events` stream's envVar */
  readonly streamName?: string;
  /** Attempts per record, the first included. @default 4 */
  readonly attempts?: number;
  /** Backoff before the n-th retry is `baseDelayMs × 2^(n-1)`. @default 50 */
  readonly baseDelayMs?: number;
  /** @default 16 random bytes in hex */
  readonly partitionKey?: () => string;
}

/**
 * The Kinesis client's module, imported when the first record is put rather than with the function:
 * `$default` puts records only for delivery receipts, and the import is tens of milliseconds of a
 * cold start.
 */
const kinesisSdk = lazy(() => import('@aws-sdk/client-kinesis'));

let shared: KinesisClient | undefined;

/** One client per container for every sink that was given none. */
function sharedClient(Client: typeof KinesisClient): KinesisClient {
  shared ??= new Client({ requestHandler: awsRequestHandler() });
  return shared;
}

/**
 * Puts event records on the Kinesis stream. Each record gets a random partition key, so one
 * environment's events spread over every shard (counting does not need them together: the
 * aggregator's counters are commutative). Only the records a `PutRecords` call reports as failed
 * are sent again, with exponential backoff; after the last attempt it throws.
 */
export class KinesisEventSink implements EventSink {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly partitionKey: () => string;

  constructor(private readonly options: KinesisEventSinkOptions = {}) {
    this.attempts = options.attempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.partitionKey = options.partitionKey ?? (() => randomBytes(16).toString('hex'));
  }

  async publish(records: readonly string[]): Promise<void> {
    const entries: PutRecordsRequestEntry[] = records.map((data) => ({
      Data: new TextEncoder().encode(data),
      PartitionKey: this.partitionKey(),
    }));
    for (const chunk of chunks(entries)) await this.put(chunk);
  }

  private async put(entries: PutRecordsRequestEntry[]): Promise<void> {
    const stream = this.options.streamName ?? streamName('events');
    const { KinesisClient, PutRecordsCommand } = await kinesisSdk();
    const client = this.options.client ?? sharedClient(KinesisClient);
    let pending = entries;
    let lastError = 'unknown';
    const policy = {
      attempts: this.attempts,
      delayMs: (retry: number) => this.baseDelayMs * 2 ** (retry - 1),
    };
    const written = await retry(policy, async () => {
      try {
        const out = await client.send(new PutRecordsCommand({ StreamName: stream, Records: pending }));
        if (!out.FailedRecordCount) return true;
        const results = out.Records ?? [];
        const failed = pending.filter((_entry, i) => results[i]?.ErrorCode !== undefined);
        lastError = results.find((r) => r.ErrorCode)?.ErrorCode ?? lastError;
        // A response that lists no failed entry despite a count: send them all again.
        pending = failed.length > 0 ? failed : pending;
      } catch (error) {
        lastError = (error as Error).name;
        // Network errors and throttling are retried with the same records; other errors end it.
        if (!isRetryable(error)) throw error;
      }
      return AGAIN;
    });
    if (written === AGAIN)
      throw new ServiceUnavailableError(
        `Could not write ${pending.length} event record(s) to the stream (${lastError}); retry later`,
      );
  }
}

function isRetryable(error: unknown): boolean {
  const e = error as { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; name?: string };
  const status = e.$metadata?.httpStatusCode;
  return (
    e.$retryable !== undefined ||
    status === undefined ||
    status >= 500 ||
    e.name === 'ProvisionedThroughputExceededException' ||
    e.name === 'LimitExceededException'
  );
}

function* chunks(entries: PutRecordsRequestEntry[]): Generator<PutRecordsRequestEntry[]> {
  let chunk: PutRecordsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = (entry.Data?.byteLength ?? 0) + (entry.PartitionKey?.length ?? 0);
    if (chunk.length > 0 && (chunk.length === MAX_RECORDS_PER_CALL || bytes + size > MAX_BYTES_PER_CALL)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(entry);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
