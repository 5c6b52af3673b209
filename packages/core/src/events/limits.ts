/**
 * Ingest's limits, without the schemas that enforce them: SDKs size their posts by these and must not
 * load a validation library to do it.
 */
export const EVENT_LIMITS = {
  /** The ingest handler refuses larger bodies with 413. */
  bodyBytes: 256 * 1024,
  eventsPerBatch: 1_000,
  featuresPerSummary: 5_000,
  countersPerFeature: 1_000,
  contextKindsPerEvent: 100,
  /** Flag and event keys are 1 to this many characters. */
  keyLength: 256,
  /** Context kinds longer than this are refused. */
  contextKindLength: 64,
  /** Variation indexes must be below this (flags have at most 100 variations). */
  variationBound: 1_000,
  /** A summary may cover at most this long (SDKs flush every few seconds). */
  maxSummarySpanMs: 24 * 60 * 60 * 1000,
  /** Events older than this are refused: the minute buckets they would land in are gone or going. */
  maxAgeMs: 24 * 60 * 60 * 1000,
  /** Clock skew tolerated for event times in the future. */
  maxFutureMs: 60 * 60 * 1000,
  /**
   * Largest count of one summary counter: over 11 M evaluations a second for the longest summary
   * span. Sums of counts stay exact integers in the store.
   */
  maxCount: 1_000_000_000_000,
  /**
   * `metricValue` magnitudes the store can add up: DynamoDB numbers lie between 1e-130 and 1e125 in
   * magnitude, and one refused write would hold back every event packed with it.
   */
  metricMagnitude: { min: 1e-15, max: 1e15 },
} as const;

/** Whether ingest takes `key` as a flag or event key: no `#` (it separates key parts in storage), no control characters. */
export function isEventKey(key: string): boolean {
  return key.length >= 1 && key.length <= EVENT_LIMITS.keyLength && !/[#\p{Cc}]/u.test(key);
}

/** Whether ingest takes `value` as a custom event's `metricValue`. */
export function isMetricValue(value: number): boolean {
  const magnitude = Math.abs(value);
  const { min, max } = EVENT_LIMITS.metricMagnitude;
  return value === 0 || (magnitude >= min && magnitude <= max);
}
