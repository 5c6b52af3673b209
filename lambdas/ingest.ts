import { instrumentedHttp } from './adapters/telemetry.js';
import { type IngestContainerOptions, ingestContainer } from './analytics-container.js';
import { createHttpHandler, type HttpHandler } from './http/app.js';
import { ingestRoutes } from './http/ingest-routes.js';
import { lazy } from './wiring.js';

export type IngestHandlerOptions = IngestContainerOptions;

/**
 * Builds the analytics ingest handler (API Gateway HTTP API, payload v2): `POST /sdk/v1/events` with
 * a server-side SDK key, `POST /sdk/v1/events/{clientSideId}` from browsers → 202, or a 4xx naming
 * the problem with nothing written.
 */
export function createIngestHandler(options: IngestHandlerOptions = {}): HttpHandler {
  const serve = lazy(() => createHttpHandler('ingest', ingestRoutes, ingestContainer(options)));
  return (event, context) => serve()(event, context);
}

export const handler = instrumentedHttp(createIngestHandler(), 'EventsRejected');
