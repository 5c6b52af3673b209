import { DynamoAnalyticsStore } from './adapters/dynamodb/analytics-store.js';
import { DynamoControlStore } from './adapters/dynamodb/control-store.js';
import { DynamoReceiptStore } from './adapters/dynamodb/receipt-store.js';
import { KinesisEventSink } from './adapters/kinesis/event-sink.js';
import { logWarning, metered } from './adapters/telemetry.js';
import type { IngestServices } from './http/ingest-routes.js';
import { type AggregatorOptions, AggregatorService } from './services/aggregator-service.js';
import type { AnalyticsWriter, EventSink } from './services/analytics-ports.js';
import { AuthService } from './services/auth-service.js';
import { IngestService } from './services/ingest-service.js';
import { clockOf, documentClientOf, type WiringOptions } from './wiring.js';

/** The analytics functions' composition root: the ingest endpoint and the aggregator. */
export interface IngestContainerOptions extends WiringOptions {
  /** @default Kinesis, the `events` stream */
  readonly sink?: EventSink;
  /** @default 5000 */
  readonly credentialCacheTtlMs?: number;
  /** Target record size. @default 64 KiB */
  readonly recordTargetBytes?: number;
}

export function ingestContainer(options: IngestContainerOptions = {}): {
  services: IngestServices;
  auth: AuthService;
} {
  const clock = clockOf(options);
  const store = new DynamoControlStore(documentClientOf(options));
  const auth = new AuthService(store, clock, options.credentialCacheTtlMs);
  const ingest = metered(
    new IngestService(options.sink ?? new KinesisEventSink(), clock, options.recordTargetBytes),
    'ingest',
    'EventsIngested',
    (result) => result.accepted,
  );
  return { services: { ingest }, auth };
}

export interface AggregatorContainerOptions extends AggregatorOptions, Pick<WiringOptions, 'client'> {
  /** Replaces the DynamoDB writer (tests inject failures through it). */
  readonly writer?: AnalyticsWriter;
}

export function aggregatorContainer(options: AggregatorContainerOptions = {}): AggregatorService {
  return new AggregatorService(options.writer ?? new DynamoAnalyticsStore(documentClientOf(options)), {
    receipts: new DynamoReceiptStore(documentClientOf(options)),
    log: logWarning,
    ...options,
  });
}
