import type { AggregatedCount, Granularity, LastEvaluated } from '../domain/aggregate.js';
import type { Page, PageRequest } from './ports.js';

/** Where the ingest handler puts packed event records (Kinesis on AWS and locally). */
export interface EventSink {
  /**
   * Writes every record (JSON envelopes) or throws. Records already written stay written when it
   * throws, so a retried post can duplicate them (docs/analytics.md, "Duplicate posts").
   */
  publish(records: readonly string[]): Promise<void>;
}

/** The stream position of a batch's records, for exactly-once counting. */
export interface StreamPosition {
  /** The shard the records come from; watermarks are kept per shard. */
  readonly shard: string;
  /** `sequenceKey` of each record, by source index. */
  readonly sequenceKeys: readonly string[];
}

/** One part of a named post: a retried post is packed into the same parts. */
export interface PartClaim {
  readonly project: string;
  readonly env: string;
  readonly payloadId: string;
  readonly part: number;
}

/** What the aggregator writes. */
export interface AnalyticsWriter {
  /**
   * Makes `holder` (a record's shard and sequence number) the one record that counts this part, if
   * no other record holds it. Returns whether `holder` holds it: false for a copy of a part that
   * another record (a retried post's first attempt) already counts. Idempotent for the holder.
   */
  claimPart(claim: PartClaim, holder: string): Promise<boolean>;
  /**
   * Adds a count's contributions from the records its counter has not seen yet (those after the
   * counter's watermark for the shard), and moves the watermark, in one conditional write; a
   * redelivered record therefore never counts twice. Returns whether anything was added.
   */
  addCount(count: AggregatedCount, position: StreamPosition): Promise<boolean>;
  /** Raises a flag's last-evaluated time in an environment (never lowers it; idempotent). */
  touchLastEvaluated(last: LastEvaluated): Promise<void>;
}

/** One stored evaluation counter. */
export interface StoredCount {
  /** Bucket start, epoch ms. */
  readonly bucket: number;
  /** Variation index, or `null` for evaluations that served the caller's default. */
  readonly variation: number | null;
  readonly count: number;
}

export interface CountQuery {
  readonly project: string;
  readonly env: string;
  readonly flag: string;
  readonly granularity: Granularity;
  /** Bucket starts from `from` (inclusive) to `to` (exclusive), epoch ms. */
  readonly from: number;
  readonly to: number;
}

/** What the flag listings read beside each flag: a port of its own, so they load no counter code. */
export interface LastEvaluatedReader {
  /** Last-evaluated times (epoch ms) per flag, then per environment, for flags of one project. */
  lastEvaluated(project: string, flags: readonly string[]): Promise<Map<string, Record<string, number>>>;
}

/** What the insights API reads. */
export interface AnalyticsReader extends LastEvaluatedReader {
  counts(query: CountQuery): Promise<StoredCount[]>;
}

/** One stored custom-event counter: events of one key in one bucket. */
export interface StoredEventCount {
  readonly key: string;
  /** Bucket start, epoch ms. */
  readonly bucket: number;
  readonly count: number;
  /** Sum of the events' `metricValue`s (events without one add nothing). */
  readonly metricSum: number;
}

export interface EventCountQuery {
  readonly project: string;
  readonly env: string;
  readonly granularity: Granularity;
  /** Bucket starts from `from` (inclusive) to `to` (exclusive), epoch ms. */
  readonly from: number;
  readonly to: number;
}

/** What the events API reads. */
export interface EventCountReader {
  /** One page of every key's counters in the range, oldest bucket first, then by key. */
  eventCounts(query: EventCountQuery, page: PageRequest): Promise<Page<StoredEventCount>>;
  /** Every counter of one key in the range, oldest first. */
  eventSeries(query: EventCountQuery & { readonly key: string }): Promise<StoredEventCount[]>;
}
