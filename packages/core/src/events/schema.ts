import { z } from 'zod';
import { EVENT_LIMITS } from './limits.js';
import type { AnalyticsEvent } from './model.js';

export { EVENT_LIMITS };

/** Flag and event keys: no `#` (it separates key parts in storage) and no control characters. */
const eventKey = z
  .string()
  .min(1)
  .max(256)
  .refine((key) => !/[#\p{Cc}]/u.test(key), 'must be 1-256 characters without "#" or control characters');
const contextKind = z.string().regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"');
/** Epoch milliseconds between 2001 and 2286: catches seconds sent for milliseconds and garbage. */
const epochMs = z
  .number()
  .int('must be an integer number of epoch milliseconds')
  .min(1_000_000_000_000, 'must be epoch milliseconds (after 2001)')
  .max(9_999_999_999_999, 'must be epoch milliseconds (before 2286)');
const count = z
  .number()
  .int('must be a non-negative integer')
  .min(0)
  .max(EVENT_LIMITS.maxCount, `must be at most ${EVENT_LIMITS.maxCount}`);
const { min: metricMin, max: metricMax } = EVENT_LIMITS.metricMagnitude;
const metricValue = z
  .number()
  .refine(
    (value) => value === 0 || (Math.abs(value) >= metricMin && Math.abs(value) <= metricMax),
    `must be 0 or between ${metricMin} and ${metricMax} in magnitude`,
  );

export const summaryCounterSchema = z.object({
  variation: z
    .number()
    .int()
    .min(0)
    .max(EVENT_LIMITS.variationBound - 1)
    .optional(),
  version: z.number().int().min(0).optional(),
  value: z.json(),
  count,
  unknown: z.boolean().optional(),
});

export const featureSummarySchema = z.object({
  default: z.json().optional(),
  contextKinds: z.array(contextKind).max(EVENT_LIMITS.contextKindsPerEvent).optional(),
  counters: z.array(summaryCounterSchema).max(EVENT_LIMITS.countersPerFeature),
});

export const summaryEventSchema = z
  .object({
    kind: z.literal('summary'),
    startDate: epochMs,
    endDate: epochMs,
    features: z.record(eventKey, featureSummarySchema),
  })
  .superRefine((event, ctx) => {
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
  });

export const customEventSchema = z.object({
  kind: z.literal('custom'),
  key: eventKey,
  contextKeys: z
    .record(contextKind, z.string().min(1).max(1024))
    .refine((keys) => Object.keys(keys).length >= 1 && Object.keys(keys).length <= 20, {
      message: 'must name 1-20 contexts',
    }),
  data: z.json().optional(),
  metricValue: metricValue.optional(),
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
  .min(1, 'a batch holds at least one event')
  .max(EVENT_LIMITS.eventsPerBatch, `a batch holds at most ${EVENT_LIMITS.eventsPerBatch} events`);

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
