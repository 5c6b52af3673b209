import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sharedDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoControlStore } from './adapters/dynamodb/control-store.js';
import { KinesisEventSink } from './adapters/kinesis/event-sink.js';
import { instrumentedHttp, metered } from './adapters/telemetry.js';
import { createApp, type HttpHandler } from './http/app.js';
import { ingestRoutes } from './http/ingest-routes.js';
import { lambdaHandler } from './http/lambda-handler.js';
import type { EventSink } from './services/analytics-ports.js';
import { AuthService } from './services/auth-service.js';
import { IngestService } from './services/ingest-service.js';
import type { Clock } from './services/ports.js';

export interface IngestHandlerOptions {
  readonly client?: DynamoDBDocumentClient;
  readonly clock?: Clock;
  /** @default Kinesis, the `events` stream */
  readonly sink?: EventSink;
  /** @default 5000 */
  readonly credentialCacheTtlMs?: number;
  /** Target record size. @default 64 KiB */
  readonly recordTargetBytes?: number;
}

/**
 * Builds the analytics ingest handler (API Gateway HTTP API, payload v2): `POST /sdk/v1/events` with
 * a server-side SDK key, `POST /sdk/v1/events/{clientSideId}` from browsers → 202, or a 4xx naming
 * the problem with nothing written.
 */
export function createIngestHandler(options: IngestHandlerOptions = {}): HttpHandler {
  let serve: HttpHandler | undefined;
  return (event, context) => {
    if (!serve) {
      const clock = options.clock ?? { now: () => new Date() };
      const store = new DynamoControlStore(options.client ?? sharedDocumentClient());
      const auth = new AuthService(store, clock, options.credentialCacheTtlMs);
      const ingest = metered(
        new IngestService(options.sink ?? new KinesisEventSink(), clock, options.recordTargetBytes),
        'ingest',
        'EventsIngested',
        (result) => result.accepted,
      );
      serve = lambdaHandler(createApp('ingest', ingestRoutes, { services: { ingest }, auth }));
    }
    return serve(event, context);
  };
}

export const handler = instrumentedHttp(createIngestHandler(), 'EventsRejected');
