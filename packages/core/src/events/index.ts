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
  analyticsEventSchema,
  checkEventTimes,
  customEventSchema,
  EVENT_LIMITS,
  type EventTimeIssue,
  eventBatchSchema,
  featureSummarySchema,
  summaryCounterSchema,
  summaryEventSchema,
} from './schema.js';
export {
  type CountableResult,
  type CountedEvaluation,
  contextKeysOf,
  contextKindsOf,
  EventSummarizer,
  summarize,
} from './summarizer.js';
