export { type AttributeReference, parseAttributeReference } from './attribute-reference.js';
export { type BucketInput, bucketValue, type Hasher } from './bucketing.js';
export { canonicalKey } from './canonical-key.js';
export { parseDate } from './dates.js';
export { SwitchboardError, ValidationError, type ValidationIssue } from './errors.js';
export {
  createEvaluator,
  type EvaluateAllOptions,
  type EvaluateOptions,
  type Evaluator,
  type EvaluatorData,
  type EvaluatorOptions,
  type FlagState,
  type ItemKind,
} from './evaluator.js';
export type {
  Clause,
  Context,
  ErrorKind,
  EvaluationDetail,
  Flag,
  FlagRule,
  LegacyUser,
  MultiContext,
  Reason,
  Rollout,
  Segment,
  SegmentRule,
  SingleContext,
  ValueType,
} from './model.js';
export { compareSemVer, parseSemVer, type SemVer } from './semver.js';
