import { type AnalyticsEvent, PAYLOAD_ID_HEADER } from '@switchboard/core/events';
import { eventBatchSchema } from '@switchboard/core/schema';
import type * as v from 'valibot';
import { ForbiddenError, ValidationError } from '../errors.js';
import type { Principal } from '../services/auth-service.js';
import type { IngestService } from '../services/ingest-service.js';
import type { EnvironmentLocator } from '../services/ports.js';
import { type RouteTable, route } from './route-table.js';
import { validated } from './validated.js';

export interface IngestServices {
  readonly ingest: Pick<IngestService, 'ingest'>;
}

/** The environment is the key's, never the body's: SDKs cannot write into another environment. */
function environmentOf(principal: Principal): EnvironmentLocator {
  if (principal.kind !== 'sdkKey' && principal.kind !== 'clientSideId') {
    throw new ForbiddenError('Events need an SDK key or a client-side id');
  }
  return { project: principal.project, env: principal.env };
}

const PAYLOAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

function payloadIdOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!PAYLOAD_ID.test(header)) {
    throw new ValidationError(
      `${PAYLOAD_ID_HEADER} must be 1-64 letters, digits, "_" or "-"`,
      PAYLOAD_ID_HEADER,
    );
  }
  return header;
}

const events = route<IngestServices, v.InferOutput<typeof eventBatchSchema>>({
  body: validated(eventBatchSchema),
  status: 202,
  handle: ({ services, principal, body, header }) =>
    services.ingest.ingest(
      environmentOf(principal),
      body as readonly AnalyticsEvent[],
      payloadIdOf(header(PAYLOAD_ID_HEADER)),
    ),
});

/**
 * Implementations of the `ingest` function's routes. Server SDKs post with their SDK key in
 * `Authorization`; browsers cannot keep a secret, so they post to the client-side-id path.
 */
export const ingestRoutes: RouteTable<IngestServices> = {
  'POST /sdk/v1/events': events,
  'POST /sdk/v1/events/{clientSideId}': events,
};
