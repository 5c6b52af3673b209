// The flag model's types are written out rather than derived from the valibot schemas in `schema.ts`,
// so that evaluating flags, and type-checking code that does, needs no validation library;
// `model-types.test.ts` checks at compile time that each schema's output and its type here are the same.

/** A JSON value, as flag variations and context attributes hold them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Properties the model does not name are kept (LaunchDarkly's JSON carries more than evaluation reads). */
interface Loose {
  [property: string]: unknown;
}

export interface Clause extends Loose {
  contextKind?: string | undefined;
  attribute: string;
  op: Operator;
  values: JsonValue[];
  negate?: boolean | undefined;
}

/** Every clause operator, as LaunchDarkly names them. */
export const operators = [
  'in',
  'startsWith',
  'endsWith',
  'contains',
  'matches',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'before',
  'after',
  'semVerEqual',
  'semVerLessThan',
  'semVerGreaterThan',
  'segmentMatch',
] as const;

/** A clause operator, as LaunchDarkly names them. */
export type Operator = (typeof operators)[number];

/** What an operator's clause values are; values of another kind could never match. */
export type OperatorValues = 'text' | 'regex' | 'number' | 'date' | 'semver' | 'segment';

export const operatorValues: Readonly<Record<Operator, OperatorValues>> = {
  in: 'text',
  startsWith: 'text',
  endsWith: 'text',
  contains: 'text',
  matches: 'regex',
  lessThan: 'number',
  lessThanOrEqual: 'number',
  greaterThan: 'number',
  greaterThanOrEqual: 'number',
  before: 'date',
  after: 'date',
  semVerEqual: 'semver',
  semVerLessThan: 'semver',
  semVerGreaterThan: 'semver',
  segmentMatch: 'segment',
};

export interface WeightedVariation extends Loose {
  variation: number;
  weight: number;
  untracked?: boolean | undefined;
}

export interface Rollout extends Loose {
  kind?: 'rollout' | 'experiment' | undefined;
  contextKind?: string | undefined;
  bucketBy?: string | undefined;
  seed?: number | undefined;
  variations: WeightedVariation[];
}

/** Exactly one of `variation` and `rollout` (the schema checks it). */
export interface VariationOrRollout extends Loose {
  variation?: number | undefined;
  rollout?: Rollout | undefined;
}

export interface FlagRule extends VariationOrRollout {
  id: string;
  clauses: Clause[];
  trackEvents?: boolean | undefined;
}

export interface Target extends Loose {
  values: string[];
  variation: number;
}

export interface ContextTarget extends Target {
  contextKind?: string | undefined;
}

export interface Prerequisite extends Loose {
  key: string;
  variation: number;
}

export interface ClientSideAvailability extends Loose {
  usingEnvironmentId: boolean;
  usingMobileKey: boolean;
}

/** A flag as validated by `flagSchema` (LaunchDarkly's server-side flag model). */
export interface Flag extends Loose {
  key: string;
  version: number;
  on: boolean;
  offVariation?: number | undefined;
  variations: JsonValue[];
  salt?: string | undefined;
  targets?: Target[] | undefined;
  contextTargets?: ContextTarget[] | undefined;
  rules?: FlagRule[] | undefined;
  fallthrough: VariationOrRollout;
  prerequisites?: Prerequisite[] | undefined;
  trackEvents?: boolean | undefined;
  trackEventsFallthrough?: boolean | undefined;
  clientSideAvailability?: ClientSideAvailability | undefined;
  clientSide?: boolean | undefined;
  deleted?: boolean | undefined;
}

export interface SegmentTarget extends Loose {
  contextKind: string;
  values: string[];
}

export interface SegmentRule extends Loose {
  id?: string | undefined;
  clauses: Clause[];
  weight?: number | undefined;
  bucketBy?: string | undefined;
  rolloutContextKind?: string | undefined;
}

/** A segment as validated by `segmentSchema`. */
export interface Segment extends Loose {
  key: string;
  version: number;
  salt?: string | undefined;
  included?: string[] | undefined;
  excluded?: string[] | undefined;
  includedContexts?: SegmentTarget[] | undefined;
  excludedContexts?: SegmentTarget[] | undefined;
  rules?: SegmentRule[] | undefined;
  unbounded?: boolean | undefined;
  unboundedContextKind?: string | undefined;
  generation?: number | undefined;
  deleted?: boolean | undefined;
}

/**
 * One object type from an intersection. A context's named attributes (`_meta`) are not all JSON
 * values, which an interface with a JSON index signature does not allow; a mapped type does.
 */
type Merged<T> = { [K in keyof T]: T[K] };

export interface ContextMeta extends Loose {
  privateAttributes?: string[] | undefined;
}

interface ContextBody {
  key: string;
  name?: string | undefined;
  anonymous?: boolean | undefined;
  _meta?: ContextMeta | undefined;
}

/** One kind's attributes: `key`, `name`, `anonymous` and `_meta`, and any other as a JSON value. */
export type ContextAttributes = Merged<ContextBody & { [attribute: string]: JsonValue }>;

/** One context of one kind, e.g. `{ kind: 'user', key: 'u1', plan: 'pro' }`. */
export type SingleContext = Merged<{ kind: string } & ContextBody & { [attribute: string]: JsonValue }>;

/** Several contexts of different kinds, e.g. `{ kind: 'multi', user: { key: 'u1' }, org: { key: 'o1' } }`. */
export type MultiContext = Merged<{ kind: 'multi' } & { [kind: string]: ContextAttributes }>;

/** A pre-contexts LaunchDarkly user: no `kind`, custom attributes under `custom`. */
export interface LegacyUser {
  key: string;
  name?: string | undefined;
  anonymous?: boolean | undefined;
  ip?: string | undefined;
  email?: string | undefined;
  avatar?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  country?: string | undefined;
  custom?: Record<string, JsonValue> | undefined;
  privateAttributeNames?: string[] | undefined;
}

/** What `evaluate` is asked about: a single-kind context, a multi-kind context or a legacy user. */
export type Context = MultiContext | SingleContext | LegacyUser;

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

/**
 * The value type a flag's variation values share: `json` for objects, arrays, `null` or a mix.
 *
 * @example
 * valueTypeOf([true, false]); // 'boolean'
 * valueTypeOf(['a', 1]);      // 'json'
 */
export function valueTypeOf(values: readonly unknown[]): ValueType {
  const types = new Set(values.map((value) => (value === null ? 'json' : typeof value)));
  const [only] = types;
  return types.size === 1 && (only === 'boolean' || only === 'string' || only === 'number') ? only : 'json';
}
