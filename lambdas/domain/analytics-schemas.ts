import { int, object, record, strictObject } from '@switchboard/core/schema';
import * as v from 'valibot';
import { granularities } from './aggregate.js';
import { isoDateTime } from './iso-date-time.js';

/** `GET …/flags/{flag}/insights` query: `from` and `to` (ISO), `granularity` (`minute` | `hour`). */
export const insightsQuerySchema = strictObject({
  from: v.optional(isoDateTime),
  to: v.optional(isoDateTime),
  granularity: v.optional(v.picklist(granularities)),
});

/** Counts keyed by variation index (`"0"`, `"1"`, …) and `default` for the caller's default. */
const variationCounts = record(v.string(), v.pipe(int(), v.minValue(0)));

export const insightsSchema = object({
  flag: v.string(),
  environment: v.string(),
  granularity: v.picklist(granularities),
  from: v.string(),
  to: v.string(),
  buckets: v.array(object({ start: v.string(), counts: variationCounts, total: int() })),
  totals: variationCounts,
  total: int(),
  lastEvaluated: v.nullable(v.string()),
});

/** Environment key → ISO time of the flag's last evaluation there; absent: never evaluated. */
export const lastEvaluatedSchema = record(v.string(), v.string());

export const acceptedEventsSchema = object({ accepted: int(), records: int() });
