import * as v from 'valibot';
import {
  clauseIssues,
  type PathIssue,
  rolloutIssues,
  segmentRuleIssues,
  serveIssues,
  variationIndexIssues,
} from './authoring.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { type Context, type Flag, type JsonValue, operators, type Segment } from './model.js';
import { contextWithoutNulls, flagWithoutNulls, isObject, segmentWithoutNulls } from './nulls.js';
import { issueMessage, validationIssues } from './schema-issues.js';

/**
 * Strict schemas for authoring and ingest, written with valibot, whose functions a bundler keeps
 * one by one, so that a server bundle carries a small validator. The evaluator itself accepts
 * looser data (see `compile/`), because data already in the store must still evaluate, to
 * `MALFORMED_FLAG` if need be. Everything here stays JSON-Schema representable but for the
 * authoring rules run as checks, which `@valibot/to-json-schema` leaves out. The API's request
 * schemas are built from these: a schema refined with rules exports its fields as `…Entries`.
 */

/** Any JSON value. */
export const jsonValue: v.GenericSchema<JsonValue> = v.lazy(() =>
  v.union([v.string(), v.number(), v.boolean(), v.null(), v.array(jsonValue), record(v.string(), jsonValue)]),
);

/**
 * An optional JSON value: `v.optional(jsonValue)`, typed by hand. Inferred, the declarations would
 * hold `OptionalSchema<GenericSchema<JsonValue>, undefined>`, whose constraint valibot checks
 * against `DeepReadonly<JsonValue>`, which never ends: a consumer's `tsc` without `skipLibCheck`
 * stops there with TS2589. Declaring the wrapped schema's input `unknown` (it does accept anything)
 * ends the recursion; the output stays `JsonValue | undefined`, and the key stays optional.
 */
export const optionalJsonValue: v.OptionalSchema<v.GenericSchema<unknown, JsonValue>, undefined> = v.optional(
  jsonValue,
);

/** A safe integer; `message` replaces both the type's and the integer's. */
/* @__NO_SIDE_EFFECTS__ */
export function int(message?: string) {
  return v.pipe(v.number(message), v.safeInteger(message));
}

/**
 * valibot takes an array for an object (to `typeof` it is one): `[]` would pass as `{}` wherever
 * every field is optional, and as a record of its indexes. Every object and record schema of the
 * model and the API is built by the functions below, which refuse arrays as the wrong type first.
 */
/* @__NO_SIDE_EFFECTS__ */
function refusingArrays<S extends v.GenericSchema>(schema: S): S {
  const run = schema['~run'];
  return {
    ...schema,
    '~run'(dataset, config) {
      if (!Array.isArray(dataset.value)) return run.call(this, dataset, config);
      v._addIssue(this, 'type', dataset, config);
      return dataset as unknown as v.OutputDataset<v.InferOutput<S>, v.InferIssue<S>>;
    },
  };
}

/** `v.object` (unknown keys dropped) that refuses arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function object<const E extends v.ObjectEntries>(entries: E) {
  return refusingArrays(v.object(entries));
}

/** `v.strictObject` (unknown keys refused) that refuses arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function strictObject<const E extends v.ObjectEntries>(entries: E) {
  return refusingArrays(v.strictObject(entries));
}

/** `v.looseObject` (unknown keys kept) that refuses arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function looseObject<const E extends v.ObjectEntries>(entries: E) {
  return refusingArrays(v.looseObject(entries));
}

/** `v.objectWithRest` (unknown keys checked by `rest`) that refuses arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function objectWithRest<const E extends v.ObjectEntries, const R extends v.GenericSchema>(
  entries: E,
  rest: R,
) {
  return refusingArrays(v.objectWithRest(entries, rest));
}

/** `v.record` that refuses arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function record<
  const K extends v.GenericSchema<string, string | number | symbol>,
  const V extends v.GenericSchema,
>(key: K, value: V) {
  return refusingArrays(v.record(key, value));
}

const kindPattern = /^(?!kind$)[\w.-]+$/;
/** A context kind: letters, digits, `_`, `.` and `-`, never `kind` itself. */
export const contextKind = v.pipe(
  v.string(),
  v.regex(kindPattern, 'must match ^[\\w.-]+$ and not be "kind"'),
);
/** An index into a flag's variations; checks with the whole flag keep it in range. */
export const variationIndex = v.pipe(int(), v.minValue(0));
/** A rollout weight in thousandths of a percent. */
export const weight = v.pipe(int(), v.minValue(0), v.maxValue(100_000));

const pathItem = (input: unknown, key: string | number): v.UnknownPathItem => ({
  type: 'unknown',
  origin: 'value',
  input,
  key,
  value: undefined,
});

/**
 * `schema` with authoring rules from `authoring.ts` run as a check, each issue at its path. Marked
 * free of side effects, as valibot's own functions are, so a bundle drops the schemas it never uses.
 */
/* @__NO_SIDE_EFFECTS__ */
export function refined<S extends v.GenericSchema>(
  schema: S,
  find: (value: v.InferOutput<S>) => readonly PathIssue[],
) {
  return v.pipe(
    schema,
    v.rawCheck<v.InferOutput<S>>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      for (const issue of find(dataset.value)) {
        const [head, ...tail] = issue.path.map((key) => pathItem(dataset.value, key));
        addIssue({ message: issue.message, ...(head ? { path: [head, ...tail] } : {}) });
      }
    }),
  );
}

export { operators };

export const clauseEntries = {
  contextKind: v.optional(contextKind),
  attribute: v.string(),
  op: v.picklist(operators, (issue) => `unknown operator ${JSON.stringify(issue.input)}`),
  values: v.array(jsonValue),
  negate: v.optional(v.boolean()),
};
export const clauseSchema = refined(looseObject(clauseEntries), clauseIssues);

export const weightedVariationSchema = looseObject({
  variation: variationIndex,
  weight,
  untracked: v.optional(v.boolean()),
});

export const rolloutEntries = {
  kind: v.optional(v.picklist(['rollout', 'experiment'])),
  contextKind: v.optional(contextKind),
  bucketBy: v.optional(v.string()),
  seed: v.optional(int()),
  variations: v.pipe(v.array(weightedVariationSchema), v.minLength(1)),
};
export const rolloutSchema = refined(looseObject(rolloutEntries), rolloutIssues);

export const variationOrRolloutEntries = {
  variation: v.optional(variationIndex),
  rollout: v.optional(rolloutSchema),
};
export const variationOrRolloutSchema = refined(looseObject(variationOrRolloutEntries), serveIssues);

export const flagRuleEntries = {
  id: v.string(),
  clauses: v.array(clauseSchema),
  trackEvents: v.optional(v.boolean()),
  ...variationOrRolloutEntries,
};
export const flagRuleSchema = refined(looseObject(flagRuleEntries), serveIssues);

export const targetSchema = looseObject({ values: v.array(v.string()), variation: variationIndex });
export const contextTargetSchema = looseObject({
  contextKind: v.optional(contextKind),
  ...targetSchema.entries,
});
export const prerequisiteSchema = looseObject({
  key: v.pipe(v.string(), v.minLength(1)),
  variation: variationIndex,
});
export const clientSideAvailabilitySchema = looseObject({
  usingEnvironmentId: v.boolean(),
  usingMobileKey: v.boolean(),
});

export const flagEntries = {
  key: v.pipe(v.string(), v.minLength(1)),
  version: v.pipe(int(), v.minValue(0)),
  on: v.boolean(),
  offVariation: v.optional(variationIndex),
  variations: v.array(jsonValue),
  salt: v.optional(v.string()),
  targets: v.optional(v.array(targetSchema)),
  contextTargets: v.optional(v.array(contextTargetSchema)),
  rules: v.optional(v.array(flagRuleSchema)),
  fallthrough: variationOrRolloutSchema,
  prerequisites: v.optional(v.array(prerequisiteSchema)),
  trackEvents: v.optional(v.boolean()),
  trackEventsFallthrough: v.optional(v.boolean()),
  clientSideAvailability: v.optional(clientSideAvailabilitySchema),
  clientSide: v.optional(v.boolean()),
  deleted: v.optional(v.boolean()),
};
export const flagSchema = refined(looseObject(flagEntries), (flag) =>
  variationIndexIssues(flag, flag.variations.length),
);

export const segmentTargetSchema = looseObject({ contextKind, values: v.array(v.string()) });

export const segmentRuleEntries = {
  id: v.optional(v.string()),
  clauses: v.array(clauseSchema),
  weight: v.optional(weight),
  bucketBy: v.optional(v.string()),
  rolloutContextKind: v.optional(contextKind),
};
export const segmentRuleSchema = refined(looseObject(segmentRuleEntries), segmentRuleIssues);

export const segmentSchema = looseObject({
  key: v.pipe(v.string(), v.minLength(1)),
  version: v.pipe(int(), v.minValue(0)),
  salt: v.optional(v.string()),
  included: v.optional(v.array(v.string())),
  excluded: v.optional(v.array(v.string())),
  includedContexts: v.optional(v.array(segmentTargetSchema)),
  excludedContexts: v.optional(v.array(segmentTargetSchema)),
  rules: v.optional(v.array(segmentRuleSchema)),
  unbounded: v.optional(v.boolean()),
  unboundedContextKind: v.optional(contextKind),
  generation: v.optional(int()),
  deleted: v.optional(v.boolean()),
});

const contextMetaSchema = looseObject({ privateAttributes: v.optional(v.array(v.string())) });
const contextBody = {
  key: v.pipe(v.string(), v.minLength(1)),
  name: v.optional(v.string()),
  anonymous: v.optional(v.boolean()),
  _meta: v.optional(contextMetaSchema),
};

/** One context of one kind, e.g. `{ kind: 'user', key: 'u1', plan: 'pro' }`. */
export const singleContextSchema = objectWithRest(
  {
    kind: v.pipe(
      v.string(),
      v.regex(/^(?!kind$|multi$)[\w.-]+$/, 'must match ^[\\w.-]+$ and not be "kind" or "multi"'),
    ),
    ...contextBody,
  },
  jsonValue,
);

const kindlessContextSchema = objectWithRest(contextBody, jsonValue);

/** Several contexts of different kinds, e.g. `{ kind: 'multi', user: { key: 'u1' }, org: { key: 'o1' } }`. */
export const multiContextSchema = refined(
  objectWithRest({ kind: v.literal('multi') }, kindlessContextSchema),
  (context) => {
    const kinds = Object.keys(context).filter((kind) => kind !== 'kind');
    return [
      ...(kinds.length === 0 ? [{ path: [], message: 'a multi-kind context needs at least one kind' }] : []),
      ...kinds
        .filter((k) => !kindPattern.test(k))
        .map((kind) => ({ path: [kind], message: 'invalid context kind' })),
    ];
  },
);

/** A pre-contexts LaunchDarkly user: no `kind`, custom attributes under `custom`. */
export const legacyUserSchema = object({
  key: v.pipe(v.string(), v.minLength(1)),
  name: v.optional(v.string()),
  anonymous: v.optional(v.boolean()),
  ip: v.optional(v.string()),
  email: v.optional(v.string()),
  avatar: v.optional(v.string()),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  country: v.optional(v.string()),
  custom: v.optional(record(v.string(), jsonValue)),
  privateAttributeNames: v.optional(v.array(v.string())),
});

export const contextSchema = v.union([multiContextSchema, singleContextSchema, legacyUserSchema]);

/**
 * Parses `value` with any valibot schema or throws a {@link ValidationError} naming every problem,
 * the first as its `field`; `prefix` places the fields inside a larger document.
 *
 * @example
 * ```ts
 * parseWith(strictObject({ key: v.string() }), { key: 1 }, 'body'); // throws 'body.key: Invalid input: …'
 * ```
 */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  prefix?: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { message: issueMessage });
  if (result.success) return result.output;
  throw new ValidationError(validationIssues(result.issues, prefix), { cause: result.issues });
}

/**
 * Throws a {@link ValidationError} for the issues authoring checks found, if any.
 *
 * @example
 * ```ts
 * throwIssues(checkSegment(segment, index)); // throws 'rules[0].clauses[0].values[0]: unknown segment "x"'
 * ```
 */
export function throwIssues(issues: readonly ValidationIssue[]): void {
  const [first, ...rest] = issues;
  if (first) throw new ValidationError([first, ...rest]);
}

/**
 * Validates a flag for authoring or ingest; `null` properties are dropped first.
 *
 * @throws {ValidationError} naming the first offending field, e.g. `rules[2].clauses[0].op`.
 * @example
 * ```ts
 * const flag = parseFlag({ key: 'f', version: 1, on: true, variations: [true, false], fallthrough: { variation: 0 } });
 * ```
 */
export function parseFlag(json: unknown): Flag {
  return parseWith(flagSchema, flagWithoutNulls(json));
}

/**
 * Validates a segment for authoring or ingest; `null` properties are dropped first.
 *
 * @throws {ValidationError} naming the first offending field, e.g. `rules[0].weight`.
 * @example
 * ```ts
 * const segment = parseSegment({ key: 'beta', version: 3, included: ['u1'] });
 * ```
 */
export function parseSegment(json: unknown): Segment {
  return parseWith(segmentSchema, segmentWithoutNulls(json));
}

/**
 * Validates an evaluation context: single-kind, multi-kind, or a legacy user (no `kind`).
 * The shape is chosen from `kind` first, so errors name the field rather than "no union member matched".
 *
 * @throws {ValidationError} naming the first offending field, e.g. `org.key`.
 * @example
 * ```ts
 * parseContext({ kind: 'multi', user: { key: 'u1' }, org: { key: 'o1', plan: 'pro' } });
 * ```
 */
export function parseContext(json: unknown): Context {
  const context = contextWithoutNulls(json);
  if (!isObject(context)) return parseWith(singleContextSchema, context);
  if (context.kind === 'multi') return parseWith(multiContextSchema, context);
  if (context.kind === undefined) return parseWith(legacyUserSchema, context);
  return parseWith(singleContextSchema, context);
}
