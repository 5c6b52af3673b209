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
