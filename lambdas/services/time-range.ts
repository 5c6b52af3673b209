import { bucketStart, type Granularity } from '../domain/aggregate.js';
import { ValidationError } from '../errors.js';
import type { Clock } from './ports.js';

/** The time parameters of the analytics reads (insights, events), as the query schemas pass them. */
export interface TimeRangeQuery {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly granularity?: Granularity | undefined;
}

/** A resolved range: buckets of `granularity` starting from `from` (inclusive) to `to` (exclusive). */
export interface TimeRange {
  readonly granularity: Granularity;
  /** Epoch ms, rounded down to a bucket start. */
  readonly from: number;
  /** Epoch ms. */
  readonly to: number;
}

/** The longest range per granularity: a day of minutes, 90 days of hours (what the table keeps). */
export const MAX_RANGE_MS: Readonly<Record<Granularity, number>> = {
  minute: 24 * 3_600_000,
  hour: 90 * 24 * 3_600_000,
};
const DEFAULT_RANGE_MS: Readonly<Record<Granularity, number>> = { minute: 3_600_000, hour: 24 * 3_600_000 };

const maxRangeText = (granularity: Granularity): string =>
  granularity === 'hour'
    ? `${MAX_RANGE_MS.hour / 86_400_000} days`
    : `${MAX_RANGE_MS.minute / 3_600_000} hours`;

/**
 * Resolves an analytics read's `from`, `to` and `granularity`: hour buckets by default, `to` now,
 * `from` an hour (minutes) or a day (hours) before `to`, then rounded down to a bucket start.
 * Throws a `ValidationError` naming `from` for an empty or too long range.
 *
 * @example
 * ```ts
 * resolveTimeRange({ granularity: 'minute' }, clock); // the last hour, in minute buckets
 * ```
 */
export function resolveTimeRange(query: TimeRangeQuery, clock: Clock): TimeRange {
  const granularity = query.granularity ?? 'hour';
  const to = query.to ? Date.parse(query.to) : clock.now().getTime();
  const requestedFrom = query.from ? Date.parse(query.from) : to - DEFAULT_RANGE_MS[granularity];
  if (requestedFrom >= to) throw new ValidationError('from must be before to', 'from');
  if (to - requestedFrom > MAX_RANGE_MS[granularity]) {
    throw new ValidationError(`a ${granularity} range may span at most ${maxRangeText(granularity)}`, 'from');
  }
  return { granularity, from: bucketStart(requestedFrom, granularity), to };
}

/** The range as the API shows it: ISO strings. */
export const rangeFields = ({ granularity, from, to }: TimeRange) => ({
  granularity,
  from: new Date(from).toISOString(),
  to: new Date(to).toISOString(),
});
