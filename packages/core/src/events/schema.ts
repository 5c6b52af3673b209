import * as v from 'valibot';
import type { PathIssue } from '../authoring.js';
import { int, jsonValue, object, optionalJsonValue, record, refined } from '../schema.js';
import { EVENT_LIMITS, isEventKey, isMetricValue } from './limits.js';
import type { AnalyticsEvent } from './model.js';

export { EVENT_LIMITS };

/** Flag and event keys: no `#` (it separates key parts in storage) and no control characters. */
const eventKey = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(EVENT_LIMITS.keyLength),
  v.check(isEventKey, `must be 1-${EVENT_LIMITS.keyLength} characters without "#" or control characters`),
);
const contextKind = v.pipe(
  v.string(),
  v.regex(
    new RegExp(`^[\\w.-]{1,${EVENT_LIMITS.contextKindLength}}$`),
    `must be 1-${EVENT_LIMITS.contextKindLength} letters, digits, "_", "." or "-"`,
  ),
);
/** Epoch milliseconds between 2001 and 2286: catches seconds sent for milliseconds and garbage. */
const epochMs = v.pipe(
  int('must be an integer number of epoch milliseconds'),
  v.minValue(1_000_000_000_000, 'must be epoch milliseconds (after 2001)'),
  v.maxValue(9_999_999_999_999, 'must be epoch milliseconds (before 2286)'),
);
const count = v.pipe(
  int('must be a non-negative integer'),
  v.minValue(0),
  v.maxValue(EVENT_LIMITS.maxCount, `must be at most ${EVENT_LIMITS.maxCount}`),
);
const { min: metricMin, max: metricMax } = EVENT_LIMITS.metricMagnitude;
const metricValue = v.pipe(
  v.number(),
  v.check(isMetricValue, `must be 0 or between ${metricMin} and ${metricMax} in magnitude`),
);

export const summaryCounterSchema = object({
  variation: v.optional(v.pipe(int(), v.minValue(0), v.maxValue(EVENT_LIMITS.variationBound - 1))),
  version: v.optional(v.pipe(int(), v.minValue(0))),
  value: jsonValue,
  count,
  unknown: v.optional(v.boolean()),
});

export const featureSummarySchema = object({
  default: optionalJsonValue,
  contextKinds: v.optional(v.pipe(v.array(contextKind), v.maxLength(EVENT_LIMITS.contextKindsPerEvent))),
  counters: v.pipe(v.array(summaryCounterSchema), v.maxLength(EVENT_LIMITS.countersPerFeature)),
});

/** Problems with a summary's span and size, each at its field. */
function summaryIssues(event: {
  startDate: number;
  endDate: number;
  features: Record<string, unknown>;
}): PathIssue[] {
  const issues: PathIssue[] = [];
  if (event.endDate < event.startDate) {
    issues.push({ path: ['endDate'], message: 'must not be before startDate' });
  } else if (event.endDate - event.startDate > EVENT_LIMITS.maxSummarySpanMs) {
    issues.push({ path: ['endDate'], message: 'a summary may span at most 24 hours' });
  }
  if (Object.keys(event.features).length > EVENT_LIMITS.featuresPerSummary) {
    issues.push({
      path: ['features'],
      message: `at most ${EVENT_LIMITS.featuresPerSummary} flags per summary`,
    });
  }
  return issues;
}

export const summaryEventSchema = refined(
  object({
    kind: v.literal('summary'),
    startDate: epochMs,
    endDate: epochMs,
    features: record(eventKey, featureSummarySchema),
  }),
  summaryIssues,
);

export const customEventSchema = object({
  kind: v.literal('custom'),
  key: eventKey,
  contextKeys: v.pipe(
    record(contextKind, v.pipe(v.string(), v.minLength(1), v.maxLength(1024))),
    v.check(
      (keys) => Object.keys(keys).length >= 1 && Object.keys(keys).length <= 20,
      'must name 1-20 contexts',
    ),
  ),
  data: optionalJsonValue,
  metricValue: v.optional(metricValue),
  creationDate: epochMs,
});

const kinds = ['summary', 'custom'] as const;

export const analyticsEventSchema = v.variant(
  'kind',
  [summaryEventSchema, customEventSchema],
  `unsupported event kind; supported kinds are ${kinds.map((k) => `"${k}"`).join(', ')}`,
);

/** A posted batch: a JSON array of summary and custom events, as LaunchDarkly SDKs send them. */
export const eventBatchSchema = v.pipe(
  v.array(analyticsEventSchema),
  v.minLength(1, 'a batch holds at least one event'),
  v.maxLength(EVENT_LIMITS.eventsPerBatch, `a batch holds at most ${EVENT_LIMITS.eventsPerBatch} events`),
);

export interface EventTimeIssue {
  /** Path of the offending field, e.g. `[3].endDate`. */
  readonly field: string;
  readonly message: string;
}

/**
 * Checks event times against the receiving clock (the schema checks only their form): nothing
 * older than {@link EVENT_LIMITS.maxAgeMs} or further in the future than
 * {@link EVENT_LIMITS.maxFutureMs}. Returns the first problem, or undefined.
 *
 * @example
 * ```ts
 * checkEventTimes([{ kind: 'custom', key: 'k', contextKeys: { user: 'u' }, creationDate: 0 }], Date.now());
 * // → { field: '[0].creationDate', message: 'is more than 24 hours old' }
 * ```
 */
export function checkEventTimes(events: readonly AnalyticsEvent[], now: number): EventTimeIssue | undefined {
  for (const [index, event] of events.entries()) {
    const times: [string, number][] =
      event.kind === 'summary'
        ? [
            ['startDate', event.startDate],
            ['endDate', event.endDate],
          ]
        : [['creationDate', event.creationDate]];
    for (const [name, time] of times) {
      if (time > now + EVENT_LIMITS.maxFutureMs) {
        return { field: `[${index}].${name}`, message: 'is more than an hour in the future' };
      }
      if (name !== 'startDate' && time < now - EVENT_LIMITS.maxAgeMs) {
        return { field: `[${index}].${name}`, message: 'is more than 24 hours old' };
      }
    }
  }
  return undefined;
}
