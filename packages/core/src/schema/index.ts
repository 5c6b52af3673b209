/**
 * `@switchboard/core/schema`: the zod schemas of the flag model, contexts and analytics events, and
 * the parsers built on them. A separate entry so that evaluating flags (`@switchboard/core`) never
 * loads a validation library; servers that accept flags, contexts or events over the wire import it.
 *
 * @example
 * ```ts
 * import { parseContext } from '@switchboard/core/schema';
 *
 * const context = parseContext(JSON.parse(body)); // throws ValidationError naming the field
 * ```
 *
 * @packageDocumentation
 */

export { ValidationError, type ValidationIssue } from '../errors.js';
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
} from '../events/schema.js';
export {
  clauseSchema,
  contextSchema,
  flagRuleSchema,
  flagSchema,
  legacyUserSchema,
  multiContextSchema,
  operators,
  parseContext,
  parseFlag,
  parseSegment,
  rolloutSchema,
  segmentRuleSchema,
  segmentSchema,
  singleContextSchema,
  variationOrRolloutSchema,
} from '../schema.js';
