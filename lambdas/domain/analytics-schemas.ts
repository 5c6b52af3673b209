import { z } from 'zod';
import { granularities } from './aggregate.js';

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time, e.g. 2026-11-26T01:00:00Z',
});

/** `GET …/flags/{flag}/insights` query: `from` and `to` (ISO), `granularity` (`minute` | `hour`). */
export const insightsQuerySchema = z
  .object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    granularity: z.enum(granularities).optional(),
  })
  .strict();

/** Counts keyed by variation index (`"0"`, `"1"`, …) and `default` for the caller's default. */
const variationCounts = z.record(z.string(), z.number().int().min(0));

export const insightsSchema = z.object({
  flag: z.string(),
  environment: z.string(),
  granularity: z.enum(granularities),
  from: z.string(),
  to: z.string(),
  buckets: z.array(z.object({ start: z.string(), counts: variationCounts, total: z.number().int() })),
  totals: variationCounts,
  total: z.number().int(),
  lastEvaluated: z.string().nullable(),
});

/** Environment key → ISO time of the flag's last evaluation there; absent: never evaluated. */
export const lastEvaluatedSchema = z.record(z.string(), z.string());

export const acceptedEventsSchema = z.object({ accepted: z.number().int(), records: z.number().int() });
