export {
  type AggregatedCount,
  aggregate,
  bucketStart,
  type Contributions,
  type CustomCount,
  type EvaluationCount,
  EventAggregator,
  GRANULARITY_MS,
  type Granularity,
  granularities,
  type LastEvaluated,
} from './aggregate.js';
export { EVENT_LIMITS } from './limits.js';
export type {
  AnalyticsEvent,
  CustomEvent,
  EventEnvelope,
  FeatureSummary,
  SummaryCounter,
  SummaryEvent,
} from './model.js';
export { ingestPayloads, PAYLOAD_ID_HEADER } from './payloads.js';
export {
  type CountableResult,
  type CountedEvaluation,
  contextKeysOf,
  contextKindsOf,
  EventSummarizer,
  summarize,
} from './summarizer.js';
