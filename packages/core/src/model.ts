import type { z } from 'zod';
import type {
  clauseSchema,
  contextSchema,
  flagRuleSchema,
  flagSchema,
  legacyUserSchema,
  multiContextSchema,
  rolloutSchema,
  segmentRuleSchema,
  segmentSchema,
  singleContextSchema,
} from './schema.js';

/** A flag as validated by `flagSchema` (LaunchDarkly's server-side flag model). */
export type Flag = z.output<typeof flagSchema>;
export type FlagRule = z.output<typeof flagRuleSchema>;
export type Clause = z.output<typeof clauseSchema>;
export type Rollout = z.output<typeof rolloutSchema>;
export type Segment = z.output<typeof segmentSchema>;
export type SegmentRule = z.output<typeof segmentRuleSchema>;
export type SingleContext = z.output<typeof singleContextSchema>;
export type MultiContext = z.output<typeof multiContextSchema>;
export type LegacyUser = z.output<typeof legacyUserSchema>;
/** What `evaluate` is asked about: a single-kind context, a multi-kind context or a legacy user. */
export type Context = z.output<typeof contextSchema>;

export type ErrorKind =
  | 'FLAG_NOT_FOUND'
  | 'USER_NOT_SPECIFIED'
  | 'MALFORMED_FLAG'
  | 'WRONG_TYPE'
  | 'EXCEPTION';

/** Why an evaluation produced its value. `inExperiment` is present only when true. */
export type Reason =
  | { readonly kind: 'OFF' }
  | { readonly kind: 'FALLTHROUGH'; readonly inExperiment?: true }
  | { readonly kind: 'TARGET_MATCH' }
  | {
      readonly kind: 'RULE_MATCH';
      readonly ruleIndex: number;
      /** Absent only for a rule stored without an `id` (the schema requires one). */
      readonly ruleId?: string;
      readonly inExperiment?: true;
    }
  | { readonly kind: 'PREREQUISITE_FAILED'; readonly prerequisiteKey: string }
  | { readonly kind: 'ERROR'; readonly errorKind: ErrorKind };

/** The result of one evaluation. On an error `value` is the caller's default and `variationIndex` null. */
export interface EvaluationDetail<T = unknown> {
  readonly value: T;
  readonly variationIndex: number | null;
  readonly reason: Reason;
}

/** Expected value type for a typed evaluation; `json` accepts any value. */
export type ValueType = 'boolean' | 'number' | 'string' | 'json';
