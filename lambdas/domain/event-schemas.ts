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
