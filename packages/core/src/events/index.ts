export { customEvent } from './custom-event.js';
export { EVENT_LIMITS, isEventKey, isMetricValue } from './limits.js';
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
