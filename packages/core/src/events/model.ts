/**
 * Analytics events in LaunchDarkly's event schema, for the kinds Switchboard supports, and the
 * envelope the ingest handler writes to Kinesis. Plain data: no platform in here.
 */

/** One line of a flag's summary: how often one (variation, version) was served. */
export interface SummaryCounter {
  /** Variation index; absent when the caller's default was served. */
  readonly variation?: number;
  /** The flag's version; absent for an unknown flag. */
  readonly version?: number;
  /** The value served. */
  readonly value: unknown;
  readonly count: number;
  /** The flag did not exist when evaluated. */
  readonly unknown?: boolean;
}

export interface FeatureSummary {
  /** The default the caller passed (the last one seen). */
  readonly default?: unknown;
  /** Kinds of the contexts the flag was evaluated for. */
  readonly contextKinds?: readonly string[];
  readonly counters: readonly SummaryCounter[];
}

/** Every evaluation between `startDate` and `endDate` (epoch ms), counted per flag, variation and version. */
export interface SummaryEvent {
  readonly kind: 'summary';
  readonly startDate: number;
  readonly endDate: number;
  readonly features: Readonly<Record<string, FeatureSummary>>;
}

/** A `track(key, context, data?, metricValue?)` call. */
export interface CustomEvent {
  readonly kind: 'custom';
  readonly key: string;
  /** Context kind → key of the context the event is about. */
  readonly contextKeys: Readonly<Record<string, string>>;
  readonly data?: unknown;
  readonly metricValue?: number;
  /** Epoch ms. */
  readonly creationDate: number;
}

export type AnalyticsEvent = SummaryEvent | CustomEvent;

/**
 * What one Kinesis record holds: events of one environment, stamped by the ingest handler with the
 * environment of the SDK key and the time it received them. Many events share one record.
 */
export interface EventEnvelope {
  /** Format version. */
  readonly v: 1;
  readonly project: string;
  readonly env: string;
  /** Epoch ms at which the ingest handler accepted the batch. */
  readonly receivedAt: number;
  /**
   * The SDK's name for the post this record came from, and the record's place among the post's
   * records: a retried post is packed into the same parts, so the aggregator counts each part once
   * whichever copy it reads first. Absent for posts that named no payload.
   */
  readonly payloadId?: string;
  readonly part?: number;
  readonly events: readonly AnalyticsEvent[];
}
