import type { Granularity } from '../domain/aggregate.js';
import { NotFoundError } from '../errors.js';
import type { AnalyticsReader } from './analytics-ports.js';
import { liveEnvironment } from './environment-set.js';
import type { Clock, ControlStore, EnvironmentLocator } from './ports.js';
import { rangeFields, resolveTimeRange, type TimeRangeQuery } from './time-range.js';

export type InsightsQuery = TimeRangeQuery;

/** Counts per variation: variation index as a string, `default` for the caller's default. */
export type VariationCounts = Record<string, number>;

export interface Insights {
  readonly flag: string;
  readonly environment: string;
  readonly granularity: Granularity;
  /** Start of the first bucket (the `from` given, rounded down to a bucket). */
  readonly from: string;
  /** End of the range, exclusive. */
  readonly to: string;
  /** Buckets with at least one evaluation, oldest first. */
  readonly buckets: { readonly start: string; readonly counts: VariationCounts; readonly total: number }[];
  readonly totals: VariationCounts;
  readonly total: number;
  /** When the flag was last evaluated in this environment (any time, not only in the range). */
  readonly lastEvaluated: string | null;
}

const variationName = (variation: number | null): string =>
  variation === null ? 'default' : String(variation);

/** A flag's evaluation counts and last-evaluated time for the insights API. */
export class InsightsService {
  constructor(
    private readonly store: Pick<ControlStore, 'get'>,
    private readonly reader: AnalyticsReader,
    private readonly clock: Clock,
  ) {}

  async insights(at: EnvironmentLocator, flag: string, query: InsightsQuery): Promise<Insights> {
    const range = resolveTimeRange(query, this.clock);
    const { granularity, from, to } = range;
    await liveEnvironment(this.store, at);
    const config = await this.store.get({ kind: 'flagConfig', project: at.project, env: at.env, flag });
    if (!config) throw new NotFoundError(`Flag "${flag}"`);

    const [stored, last] = await Promise.all([
      this.reader.counts({ project: at.project, env: at.env, flag, granularity, from, to }),
      this.reader.lastEvaluated(at.project, [flag]),
    ]);
    const byBucket = new Map<number, VariationCounts>();
    const totals: VariationCounts = {};
    let total = 0;
    for (const { bucket, variation, count } of stored) {
      if (bucket < from || bucket >= to || count <= 0) continue;
      const counts = byBucket.get(bucket) ?? {};
      const name = variationName(variation);
      counts[name] = (counts[name] ?? 0) + count;
      totals[name] = (totals[name] ?? 0) + count;
      total += count;
      byBucket.set(bucket, counts);
    }
    const buckets = [...byBucket.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucket, counts]) => ({
        start: new Date(bucket).toISOString(),
        counts,
        total: Object.values(counts).reduce((sum, n) => sum + n, 0),
      }));
    const lastAt = last.get(flag)?.[at.env];
    return {
      flag,
      environment: at.env,
      ...rangeFields(range),
      buckets,
      totals,
      total,
      lastEvaluated: lastAt === undefined ? null : new Date(lastAt).toISOString(),
    };
  }
}
