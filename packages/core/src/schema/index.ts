/**
 * `@switchboard/core/schema`: the flag model's schemas (valibot) and authoring rules, contexts
 * and analytics events, and the parsers built on them. A separate entry so that evaluating flags
 * (`@switchboard/core`) never loads a validation library; servers that accept flags, contexts or
 * events over the wire import it, and the API builds its request schemas from these.
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

export {
  type AuthoredClause,
  type AuthoredSegment,
  checkFlagConfig,
  checkSegment,
  checkVariationType,
  checkVariationValues,
  clauseIssues,
  type EnvironmentIndex,
  type FlagTargeting,
  findCycle,
  movedServeIssues,
  type PathIssue,
  ROLLOUT_TOTAL,
  rolloutIssues,
  segmentReferences,
  segmentRuleIssues,
  serveIssues,
  variationIndexIssues,
} from '../authoring.js';
export { type FieldPath, fieldPath, joinField, ValidationError, type ValidationIssue } from '../errors.js';
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
  clauseEntries,
  clauseSchema,
  clientSideAvailabilitySchema,
  contextKind,
  contextSchema,
  contextTargetSchema,
  flagEntries,
  flagRuleEntries,
  flagRuleSchema,
  flagSchema,
  int,
  jsonValue,
  legacyUserSchema,
  looseObject,
  multiContextSchema,
  object,
  objectWithRest,
  operators,
  parseContext,
  parseFlag,
  parseSegment,
  parseWith,
  prerequisiteSchema,
  record,
  refined,
  rolloutEntries,
  rolloutSchema,
  segmentRuleEntries,
  segmentRuleSchema,
  segmentSchema,
  segmentTargetSchema,
  singleContextSchema,
  strictObject,
  targetSchema,
  throwIssues,
  variationIndex,
  variationOrRolloutEntries,
  variationOrRolloutSchema,
  weight,
  weightedVariationSchema,
} from '../schema.js';
export { issueMessage, receivedType, validationIssues } from '../schema-issues.js';
