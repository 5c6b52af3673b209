import * as z from 'zod/mini';
import { EVENT_LIMITS } from './limits.js';
import type { AnalyticsEvent } from './model.js';

export { EVENT_LIMITS };

/** Flag and event keys: no `#` (it separates key parts in storage) and no control characters. */
const eventKey = z.string().check(
  z.minLength(1),
  z.maxLength(256),
  z.refine((key) => !/[#\p{Cc}]/u.test(key), 'must be 1-256 characters without "#" or control characters'),
);
const contextKind = z
  .string()
  .check(z.regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"'));
/** Epoch milliseconds between 2001 and 2286: catches seconds sent for milliseconds and garbage. */
const epochMs = z
  .int('must be an integer number of epoch milliseconds')
  .check(
    z.minimum(1_000_000_000_000, 'must be epoch milliseconds (after 2001)'),
    z.maximum(9_999_999_999_999, 'must be epoch milliseconds (before 2286)'),
  );
const count = z
  .int('must be a non-negative integer')
  .check(z.minimum(0), z.maximum(EVENT_LIMITS.maxCount, `must be at most ${EVENT_LIMITS.maxCount}`));
const { min: metricMin, max: metricMax } = EVENT_LIMITS.metricMagnitude;
const metricValue = z
  .number()
  .check(
    z.refine(
      (value) => value === 0 || (Math.abs(value) >= metricMin && Math.abs(value) <= metricMax),
      `must be 0 or between ${metricMin} and ${metricMax} in magnitude`,
    ),
  );

export const summaryCounterSchema = z.object({
  variation: z.optional(z.int().check(z.minimum(0), z.maximum(EVENT_LIMITS.variationBound - 1))),
  version: z.optional(z.int().check(z.minimum(0))),
  value: z.json(),
  count,
  unknown: z.optional(z.boolean()),
});

export const featureSummarySchema = z.object({
  default: z.optional(z.json()),
  contextKinds: z.optional(z.array(contextKind).check(z.maxLength(EVENT_LIMITS.contextKindsPerEvent))),
  counters: z.array(summaryCounterSchema).check(z.maxLength(EVENT_LIMITS.countersPerFeature)),
});

export const summaryEventSchema = z
  .object({
    kind: z.literal('summary'),
    startDate: epochMs,
    endDate: epochMs,
    features: z.record(eventKey, featureSummarySchema),
  })
  .check(
    z.superRefine((event, ctx) => {
      if (event.endDate < event.startDate) {
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
      } else if (event.endDate - event.startDate > EVENT_LIMITS.maxSummarySpanMs) {
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'a summary may span at most 24 hours' });
      }
      if (Object.keys(event.features).length > EVENT_LIMITS.featuresPerSummary) {
        ctx.addIssue({
          code: 'custom',
          path: ['features'],
          message: `at most ${EVENT_LIMITS.featuresPerSummary} flags per summary`,
        });
      }
    }),
  );

export const customEventSchema = z.object({
  kind: z.literal('custom'),
  key: eventKey,
  contextKeys: z.record(contextKind, z.string().check(z.minLength(1), z.maxLength(1024))).check(
    z.refine((keys) => Object.keys(keys).length >= 1 && Object.keys(keys).length <= 20, {
      message: 'must name 1-20 contexts',
    }),
  ),
  data: z.optional(z.json()),
  metricValue: z.optional(metricValue),
  creationDate: epochMs,
});

const kinds = ['summary', 'custom'] as const;

export const analyticsEventSchema = z.discriminatedUnion('kind', [summaryEventSchema, customEventSchema], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `unsupported event kind; supported kinds are ${kinds.map((k) => `"${k}"`).join(', ')}`
      : undefined,
});

/** A posted batch: a JSON array of summary and custom events, as LaunchDarkly SDKs send them. */
export const eventBatchSchema = z
  .array(analyticsEventSchema)
  .check(
    z.minLength(1, 'a batch holds at least one event'),
    z.maxLength(EVENT_LIMITS.eventsPerBatch, `a batch holds at most ${EVENT_LIMITS.eventsPerBatch} events`),
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
