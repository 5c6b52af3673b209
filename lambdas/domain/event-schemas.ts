import { int, object, strictObject } from '@switchboard/core/schema';
import * as v from 'valibot';
import { granularities } from './aggregate.js';
import { insightsQuerySchema } from './analytics-schemas.js';
import { pageQuerySchema } from './schemas.js';

/** `GET …/environments/{env}/events/{eventKey}` query: the time parameters of flag insights. */
export const eventSeriesQuerySchema = insightsQuerySchema;

/** `GET …/environments/{env}/events` query: the time parameters of flag insights, and a page. */
export const eventCountsQuerySchema = strictObject({
  ...insightsQuerySchema.entries,
  ...pageQuerySchema.entries,
});

const bucket = {
  start: v.string(),
  count: v.pipe(int(), v.minValue(0)),
  metricSum: v.number(),
};
const range = {
  environment: v.string(),
  granularity: v.picklist(granularities),
  from: v.string(),
  to: v.string(),
};

export const eventCountsPageSchema = object({
  ...range,
  items: v.array(object({ key: v.string(), ...bucket })),
  cursor: v.optional(v.string()),
});

export const eventSeriesSchema = object({
  ...range,
  key: v.string(),
  buckets: v.array(object(bucket)),
  count: v.pipe(int(), v.minValue(0)),
  metricSum: v.number(),
});
