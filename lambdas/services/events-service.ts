import type { Granularity } from '../domain/aggregate.js';
import type { EventCountReader, StoredEventCount } from './analytics-ports.js';
import { liveEnvironment } from './environment-set.js';
import type { Clock, ControlStore, EnvironmentLocator, PageRequest } from './ports.js';
import { rangeFields, resolveTimeRange, type TimeRangeQuery } from './time-range.js';

/** Custom events of one key in one bucket. */
export interface EventBucket {
  readonly start: string;
  readonly count: number;
  /** Sum of the events' `metricValue`s; events tracked without one add 0. */
  readonly metricSum: number;
}

interface RangeFields {
  readonly environment: string;
  readonly granularity: Granularity;
  /** Start of the first bucket (the `from` given, rounded down to a bucket). */
  readonly from: string;
  /** End of the range, exclusive. */
  readonly to: string;
}

/** One page of every event key's buckets in a range: oldest bucket first, then by key. */
export interface EventCountsPage extends RangeFields {
  readonly items: (EventBucket & { readonly key: string })[];
  /** Present while more items follow. */
  readonly cursor?: string;
}

/** One event key's buckets in a range, oldest first, with the range's totals. */
export interface EventSeries extends RangeFields {
  readonly key: string;
  /** Buckets with at least one event. */
  readonly buckets: EventBucket[];
  readonly count: number;
  readonly metricSum: number;
}

const bucketOf = ({ bucket, count, metricSum }: StoredEventCount): EventBucket => ({
  start: new Date(bucket).toISOString(),
  count,
  metricSum,
});

/**
 * Custom events (`track()`) as the aggregator counted them: per event key and time bucket, the
 * number of events and the sum of their metric values. Time parameters are those of flag insights.
 *
 * @example
 * ```ts
 * const page = await events.list({ project: 'shop', env: 'production' }, { granularity: 'hour', limit: 50 });
 * const checkout = await events.series({ project: 'shop', env: 'production' }, 'checkout', {});
 * ```
 */
export class EventsService {
  constructor(
    private readonly store: Pick<ControlStore, 'get'>,
    private readonly reader: EventCountReader,
    private readonly clock: Clock,
  ) {}

  async list(at: EnvironmentLocator, query: TimeRangeQuery & PageRequest): Promise<EventCountsPage> {
    const range = resolveTimeRange(query, this.clock);
    await liveEnvironment(this.store, at);
    const page = await this.reader.eventCounts(
      { ...at, ...range },
      query.cursor === undefined ? { limit: query.limit } : { limit: query.limit, cursor: query.cursor },
    );
    return {
      environment: at.env,
      ...rangeFields(range),
      items: page.items.map((stored) => ({ key: stored.key, ...bucketOf(stored) })),
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
    };
  }

  async series(at: EnvironmentLocator, key: string, query: TimeRangeQuery): Promise<EventSeries> {
    const range = resolveTimeRange(query, this.clock);
    await liveEnvironment(this.store, at);
    const stored = await this.reader.eventSeries({ ...at, ...range, key });
    const buckets = stored
      .filter(({ bucket, count }) => bucket >= range.from && bucket < range.to && count > 0)
      .sort((a, b) => a.bucket - b.bucket)
      .map(bucketOf);
    return {
      environment: at.env,
      ...rangeFields(range),
      key,
      buckets,
      count: buckets.reduce((sum, b) => sum + b.count, 0),
      metricSum: buckets.reduce((sum, b) => sum + b.metricSum, 0),
    };
  }
}
