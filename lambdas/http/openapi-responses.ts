import { object, strictObject } from '@switchboard/core/schema';
import * as v from 'valibot';
import { acceptedEventsSchema, insightsSchema, lastEvaluatedSchema } from '../domain/analytics-schemas.js';
import { eventCountsPageSchema, eventSeriesSchema } from '../domain/event-schemas.js';
import {
  auditEntrySchema,
  deliveriesSchema,
  environmentWithKeySchema,
  evaluateResponseSchema,
  flagStatesSchema,
  globalAuditEntrySchema,
  meSchema,
  pageOf,
  snapshotSchema,
  tokenSchema,
  tokenWithSecretSchema,
} from '../domain/response-schemas.js';
import {
  environmentSchema,
  flagFieldsSchema,
  flagResourceSchema,
  projectSchema,
  segmentResourceSchema,
} from '../domain/schemas.js';

const project = '/api/v1/projects/{project}';
const environment = `${project}/environments/{env}`;
const flag = `${project}/flags/{flag}`;
const segment = `${environment}/segments/{segment}`;

/*
 * Build-time only, like `openapi.ts`: the success response of each route, by route key, for the
 * OpenAPI document. The functions answer what their services return and never validate it, so these
 * schemas stay out of the bundles.
 */

/** The schema of each route's success response; a route without one answers no body (204). */
export const responseSchemas: Readonly<Record<string, v.GenericSchema>> = {
  'GET /api/v1/projects': pageOf(projectSchema),
  'POST /api/v1/projects': projectSchema,
  [`GET ${project}`]: projectSchema,
  [`PATCH ${project}`]: projectSchema,

  [`GET ${project}/environments`]: object({ items: v.array(environmentSchema) }),
  [`POST ${project}/environments`]: environmentWithKeySchema,
  [`GET ${environment}`]: environmentSchema,
  [`PATCH ${environment}`]: environmentSchema,
  [`POST ${environment}/keys/rotate`]: environmentWithKeySchema,

  [`GET ${project}/flags`]: pageOf(
    strictObject({
      ...flagFieldsSchema.entries,
      version: v.number(),
      createdAt: v.string(),
      lastEvaluated: lastEvaluatedSchema,
      environments: flagStatesSchema,
    }),
  ),
  [`POST ${project}/flags`]: flagResourceSchema,
  [`GET ${flag}`]: strictObject({ ...flagResourceSchema.entries, lastEvaluated: lastEvaluatedSchema }),
  [`PATCH ${flag}`]: flagResourceSchema,
  [`POST ${flag}/copy`]: flagResourceSchema,
  [`GET ${environment}/flags/{flag}/insights`]: insightsSchema,
  [`GET ${environment}/events`]: eventCountsPageSchema,
  [`GET ${environment}/events/{eventKey}`]: eventSeriesSchema,

  [`GET ${environment}/segments`]: pageOf(segmentResourceSchema),
  [`POST ${environment}/segments`]: segmentResourceSchema,
  [`GET ${segment}`]: segmentResourceSchema,
  [`PATCH ${segment}`]: segmentResourceSchema,

  [`GET ${project}/audit`]: pageOf(auditEntrySchema),
  [`POST ${environment}/evaluate`]: evaluateResponseSchema,

  'GET /api/v1/tokens': pageOf(tokenSchema),
  'POST /api/v1/tokens': tokenWithSecretSchema,
  'GET /api/v1/me': meSchema,
  'POST /api/v1/tokens/{token}/rotate': tokenWithSecretSchema,
  'GET /api/v1/audit': pageOf(globalAuditEntrySchema),
  [`GET ${environment}/flags/{flag}/deliveries`]: deliveriesSchema,

  'GET /sdk/v1/flags': snapshotSchema,
  'POST /sdk/v1/evaluate/{clientSideId}': evaluateResponseSchema,
  'POST /sdk/v1/events': acceptedEventsSchema,
  'POST /sdk/v1/events/{clientSideId}': acceptedEventsSchema,
};

/**
 * The 409 of routes that check versions given in their body rather than in `If-Match`, by route key
 * (those with `If-Match` declare theirs through `RouteDefinition.ifMatch`).
 */
export const bodyVersionConflicts: Readonly<Record<string, string>> = {
  [`POST ${flag}/copy`]: 'Stale source or target currentVersion, or concurrent change',
};
