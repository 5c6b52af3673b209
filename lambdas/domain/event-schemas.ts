import * as z from 'zod/mini';
import { granularities } from './aggregate.js';
import { insightsQuerySchema } from './analytics-schemas.js';
import { pageQuerySchema } from './schemas.js';

/** `GET …/environments/{env}/events/{eventKey}` query: the time parameters of flag insights. */
export const eventSeriesQuerySchema = insightsQuerySchema;

/** `GET …/environments/{env}/events` query: the time parameters of flag insights, and a page. */
export const eventCountsQuerySchema = z.strictObject({
  ...insightsQuerySchema.shape,
  ...pageQuerySchema.shape,
});

/**
 * An event key as SDKs track it (the ingest rule): `{eventKey}` in a path, percent-encoded. Not a
 * resource key: events are named by the application, not created through the API.
 */
export const eventKeyParamSchema = z.string().check(
  z.minLength(1),
  z.maxLength(256),
  z.refine((key) => !/[#\p{Cc}]/u.test(key), 'must be 1-256 characters without "#" or control characters'),
);

const bucket = {
  start: z.string(),
  count: z.int().check(z.minimum(0)),
  metricSum: z.number(),
};
const range = {
  environment: z.string(),
  granularity: z.enum(granularities),
  from: z.string(),
  to: z.string(),
};

export const eventCountsPageSchema = z.object({
  ...range,
  items: z.array(z.object({ key: z.string(), ...bucket })),
  cursor: z.optional(z.string()),
});

export const eventSeriesSchema = z.object({
  ...range,
  key: z.string(),
  buckets: z.array(z.object(bucket)),
  count: z.int().check(z.minimum(0)),
  metricSum: z.number(),
});
