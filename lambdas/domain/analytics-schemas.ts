import * as z from 'zod/mini';
import { granularities } from './aggregate.js';

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time, e.g. 2026-11-26T01:00:00Z',
});

/** `GET …/flags/{flag}/insights` query: `from` and `to` (ISO), `granularity` (`minute` | `hour`). */
export const insightsQuerySchema = z.strictObject({
  from: z.optional(isoTime),
  to: z.optional(isoTime),
  granularity: z.optional(z.enum(granularities)),
});

/** Counts keyed by variation index (`"0"`, `"1"`, …) and `default` for the caller's default. */
const variationCounts = z.record(z.string(), z.int().check(z.minimum(0)));

export const insightsSchema = z.object({
  flag: z.string(),
  environment: z.string(),
  granularity: z.enum(granularities),
  from: z.string(),
  to: z.string(),
  buckets: z.array(z.object({ start: z.string(), counts: variationCounts, total: z.int() })),
  totals: variationCounts,
  total: z.int(),
  lastEvaluated: z.nullable(z.string()),
});

/** Environment key → ISO time of the flag's last evaluation there; absent: never evaluated. */
export const lastEvaluatedSchema = z.record(z.string(), z.string());

export const acceptedEventsSchema = z.object({ accepted: z.int(), records: z.int() });
