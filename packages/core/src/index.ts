export { type AttributeReference, parseAttributeReference } from './attribute-reference.js';
export { segmentReferences } from './authoring.js';
export { type BucketInput, bucketValue, type Hasher } from './bucketing.js';
export { canonicalKey } from './canonical-key.js';
export { contextIssue } from './context-check.js';
export { parseDate } from './dates.js';
export {
  type FieldPath,
  fieldPath,
  joinField,
  SwitchboardError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
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
export {
  type CopiedConfig,
  type CopyAction,
  copiedConfig,
  copyActionFields,
  copyActions,
  differingCopyActions,
} from './flag-copy.js';
export { canonicalJson, jsonEqual, type RepeatedValue, repeatedValues } from './json-equal.js';
export type {
  Clause,
  Context,
  ContextAttributes,
  ContextTarget,
  ErrorKind,
  EvaluationDetail,
  Flag,
  FlagRule,
  JsonValue,
  LegacyUser,
  MultiContext,
  Operator,
  OperatorValues,
  Prerequisite,
  Reason,
  Rollout,
  Segment,
  SegmentRule,
  SegmentTarget,
  SingleContext,
  Target,
  ValueType,
  VariationOrRollout,
  WeightedVariation,
} from './model.js';
export { operators, operatorValues, valueTypeOf } from './model.js';
export { contextWithoutNulls } from './nulls.js';
export { compilePattern, type PatternEngine, type PatternTest, portableInput } from './patterns.js';
export { compareSemVer, parseSemVer, type SemVer } from './semver.js';
