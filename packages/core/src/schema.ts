import { en } from 'zod/locales';
import * as z from 'zod/mini';
import {
  clauseIssues,
  type PathIssue,
  rolloutIssues,
  segmentRuleIssues,
  serveIssues,
  variationIndexIssues,
} from './authoring.js';
import { fieldPath, joinField, ValidationError, type ValidationIssue } from './errors.js';
import { type Context, type Flag, operators, type Segment } from './model.js';
import { contextWithoutNulls, flagWithoutNulls, isObject, segmentWithoutNulls } from './nulls.js';

/**
 * Strict schemas for authoring and ingest, written with `zod/mini` so that a server bundle carries
 * a small validator. The evaluator itself accepts looser data (see `compile/`), because data
 * already in the store must still evaluate, to `MALFORMED_FLAG` if need be. Everything here stays
 * JSON-Schema representable (no transforms), so `z.toJSONSchema` works on it; the authoring rules
 * in checks are left out of the generated schema. The API's request schemas are built from these.
 */

// Schemas refined with `.check` are built in pure-annotated expressions: esbuild cannot tell a method
// call has no side effects, and would keep the flag schemas in a function that parses only contexts.
// zod/mini is imported as a namespace (`import * as z`): only then can a bundler drop the parts and
// the 40-odd locales a Lambda does not use. It loads no messages of its own, and the API's 4xx
// bodies promise zod's English ones.
z.config(en());

const jsonValue = z.json();
const kindPattern = /^(?!kind$)[\w.-]+$/;
/** A context kind: letters, digits, `_`, `.` and `-`, never `kind` itself. */
export const contextKind = z.string().check(z.regex(kindPattern, 'must match ^[\\w.-]+$ and not be "kind"'));
/** An index into a flag's variations; checks with the whole flag keep it in range. */
export const variationIndex = z.int().check(z.minimum(0));
/** A rollout weight in thousandths of a percent. */
export const weight = z.int().check(z.minimum(0), z.maximum(100_000));

/** Runs authoring rules from `authoring.ts` as a schema check, each issue at its path. */
const rules = <T>(find: (value: T) => readonly PathIssue[]) =>
  z.superRefine<T>((value, ctx) => {
    for (const issue of find(value))
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
  });

export { operators };

export const clauseSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({
      contextKind: z.optional(contextKind),
      attribute: z.string(),
      op: z.enum(operators, { error: (issue) => `unknown operator ${JSON.stringify(issue.input)}` }),
      values: z.array(jsonValue),
      negate: z.optional(z.boolean()),
    })
    .check(rules(clauseIssues)))();

export const weightedVariationSchema = z.looseObject({
  variation: variationIndex,
  weight,
  untracked: z.optional(z.boolean()),
});

export const rolloutSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({
      kind: z.optional(z.enum(['rollout', 'experiment'])),
      contextKind: z.optional(contextKind),
      bucketBy: z.optional(z.string()),
      seed: z.optional(z.int()),
      variations: z.array(weightedVariationSchema).check(z.minLength(1)),
    })
    .check(rules(rolloutIssues)))();

const serve = /* @__PURE__ */ rules(serveIssues);

export const variationOrRolloutSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({ variation: z.optional(variationIndex), rollout: z.optional(rolloutSchema) })
    .check(serve))();

export const flagRuleSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({
      id: z.string(),
      clauses: z.array(clauseSchema),
      trackEvents: z.optional(z.boolean()),
      ...variationOrRolloutSchema.shape,
    })
    .check(serve))();

export const targetSchema = z.looseObject({ values: z.array(z.string()), variation: variationIndex });
export const contextTargetSchema = z.looseObject({
  contextKind: z.optional(contextKind),
  ...targetSchema.shape,
});
export const prerequisiteSchema = z.looseObject({
  key: z.string().check(z.minLength(1)),
  variation: variationIndex,
});
export const clientSideAvailabilitySchema = z.looseObject({
  usingEnvironmentId: z.boolean(),
  usingMobileKey: z.boolean(),
});

export const flagSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({
      key: z.string().check(z.minLength(1)),
      version: z.int().check(z.minimum(0)),
      on: z.boolean(),
      offVariation: z.optional(variationIndex),
      variations: z.array(jsonValue),
      salt: z.optional(z.string()),
      targets: z.optional(z.array(targetSchema)),
      contextTargets: z.optional(z.array(contextTargetSchema)),
      rules: z.optional(z.array(flagRuleSchema)),
      fallthrough: variationOrRolloutSchema,
      prerequisites: z.optional(z.array(prerequisiteSchema)),
      trackEvents: z.optional(z.boolean()),
      trackEventsFallthrough: z.optional(z.boolean()),
      clientSideAvailability: z.optional(clientSideAvailabilitySchema),
      clientSide: z.optional(z.boolean()),
      deleted: z.optional(z.boolean()),
    })
    .check(rules((flag) => variationIndexIssues(flag, flag.variations.length))))();

export const segmentTargetSchema = z.looseObject({ contextKind, values: z.array(z.string()) });

export const segmentRuleSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({
      id: z.optional(z.string()),
      clauses: z.array(clauseSchema),
      weight: z.optional(weight),
      bucketBy: z.optional(z.string()),
      rolloutContextKind: z.optional(contextKind),
    })
    .check(rules(segmentRuleIssues)))();

export const segmentSchema = z.looseObject({
  key: z.string().check(z.minLength(1)),
  version: z.int().check(z.minimum(0)),
  salt: z.optional(z.string()),
  included: z.optional(z.array(z.string())),
  excluded: z.optional(z.array(z.string())),
  includedContexts: z.optional(z.array(segmentTargetSchema)),
  excludedContexts: z.optional(z.array(segmentTargetSchema)),
  rules: z.optional(z.array(segmentRuleSchema)),
  unbounded: z.optional(z.boolean()),
  unboundedContextKind: z.optional(contextKind),
  generation: z.optional(z.int()),
  deleted: z.optional(z.boolean()),
});

const contextMetaSchema = z.looseObject({ privateAttributes: z.optional(z.array(z.string())) });
const contextBody = {
  key: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  anonymous: z.optional(z.boolean()),
  _meta: z.optional(contextMetaSchema),
};

/** One context of one kind, e.g. `{ kind: 'user', key: 'u1', plan: 'pro' }`. */
export const singleContextSchema = z.catchall(
  z.object({
    kind: z
      .string()
      .check(z.regex(/^(?!kind$|multi$)[\w.-]+$/, 'must match ^[\\w.-]+$ and not be "kind" or "multi"')),
    ...contextBody,
  }),
  jsonValue,
);

const kindlessContextSchema = z.catchall(z.object(contextBody), jsonValue);

/** Several contexts of different kinds, e.g. `{ kind: 'multi', user: { key: 'u1' }, org: { key: 'o1' } }`. */
export const multiContextSchema = z
  .catchall(z.object({ kind: z.literal('multi') }), kindlessContextSchema)
  .check(
    rules((context) => {
      const kinds = Object.keys(context).filter((kind) => kind !== 'kind');
      return [
        ...(kinds.length === 0
          ? [{ path: [], message: 'a multi-kind context needs at least one kind' }]
          : []),
        ...kinds
          .filter((k) => !kindPattern.test(k))
          .map((kind) => ({ path: [kind], message: 'invalid context kind' })),
      ];
    }),
  );

/** A pre-contexts LaunchDarkly user: no `kind`, custom attributes under `custom`. */
export const legacyUserSchema = z.object({
  key: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  anonymous: z.optional(z.boolean()),
  ip: z.optional(z.string()),
  email: z.optional(z.string()),
  avatar: z.optional(z.string()),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  country: z.optional(z.string()),
  custom: z.optional(z.record(z.string(), jsonValue)),
  privateAttributeNames: z.optional(z.array(z.string())),
});

export const contextSchema = z.union([multiContextSchema, singleContextSchema, legacyUserSchema]);

function issueOf(issue: z.core.$ZodIssue): ValidationIssue {
  if (issue.code === 'unrecognized_keys') {
    const field = fieldPath([...issue.path, issue.keys[0] ?? '']);
    return { field, message: `unknown field "${issue.keys.join('", "')}"` };
  }
  return { field: fieldPath(issue.path), message: issue.message };
}

/**
 * Parses `value` with any zod schema or throws a {@link ValidationError} naming every problem,
 * the first as its `field`; `prefix` places the fields inside a larger document.
 *
 * @example
 * ```ts
 * parseWith(z.strictObject({ key: z.string() }), { key: 1 }, 'body'); // throws 'body.key: Invalid input: …'
 * ```
 */
export function parseWith<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  prefix?: string,
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue): ValidationIssue => {
    const { field, message } = issueOf(issue);
    return { field: joinField(prefix, field), message };
  });
  const first = issues[0] ?? { field: prefix ?? '', message: 'Invalid input' };
  throw new ValidationError([first, ...issues.slice(1)], { cause: result.error });
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
