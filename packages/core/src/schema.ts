import { z } from 'zod';
import { parseAttributeReference } from './attribute-reference.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { type Context, type Flag, operators, type Segment } from './model.js';
import { contextWithoutNulls, flagWithoutNulls, isObject, segmentWithoutNulls } from './nulls.js';

/**
 * Strict schemas for authoring and ingest. The evaluator itself accepts looser data (see `compile/`),
 * because data already in the store must still evaluate, to `MALFORMED_FLAG` if need be.
 * Everything here stays JSON-Schema representable (no transforms), so `z.toJSONSchema` works on it;
 * `superRefine` checks are simply left out of the generated schema.
 */

const jsonValue = z.json();
const kindPattern = /^(?!kind$)[\w.-]+$/;
const contextKind = z.string().regex(kindPattern, 'must match ^[\\w.-]+$ and not be "kind"');
const variationIndex = z.number().int().min(0);
const weight = z.number().int().min(0).max(100_000);

export { operators };

export const clauseSchema = z
  .looseObject({
    contextKind: contextKind.optional(),
    attribute: z.string(),
    op: z.enum(operators),
    values: z.array(jsonValue),
    negate: z.boolean().optional(),
  })
  .superRefine((clause, ctx) => {
    if (clause.op === 'segmentMatch') {
      clause.values.forEach((value, index) => {
        if (typeof value !== 'string') {
          ctx.addIssue({ code: 'custom', path: ['values', index], message: 'segment keys are strings' });
        }
      });
    } else if (!parseAttributeReference(clause.attribute, clause.contextKind === undefined).valid) {
      ctx.addIssue({ code: 'custom', path: ['attribute'], message: 'invalid attribute reference' });
    }
  });

const weightedVariationSchema = z.looseObject({
  variation: variationIndex,
  weight,
  untracked: z.boolean().optional(),
});

export const rolloutSchema = z
  .looseObject({
    kind: z.enum(['rollout', 'experiment']).optional(),
    contextKind: contextKind.optional(),
    bucketBy: z.string().optional(),
    seed: z.number().int().optional(),
    variations: z.array(weightedVariationSchema).min(1),
  })
  .superRefine((rollout, ctx) => {
    if (
      rollout.bucketBy !== undefined &&
      !parseAttributeReference(rollout.bucketBy, rollout.contextKind === undefined).valid
    ) {
      ctx.addIssue({ code: 'custom', path: ['bucketBy'], message: 'invalid attribute reference' });
    }
  });

const variationOrRolloutShape = {
  variation: variationIndex.optional(),
  rollout: rolloutSchema.optional(),
};

function exactlyOneOfVariationOrRollout(
  value: { variation?: number | undefined; rollout?: unknown },
  ctx: z.RefinementCtx,
): void {
  if ((value.variation === undefined) === (value.rollout === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['variation'], message: 'exactly one of variation or rollout' });
  }
}

export const variationOrRolloutSchema = z
  .looseObject(variationOrRolloutShape)
  .superRefine(exactlyOneOfVariationOrRollout);

export const flagRuleSchema = z
  .looseObject({
    id: z.string(),
    clauses: z.array(clauseSchema),
    trackEvents: z.boolean().optional(),
    ...variationOrRolloutShape,
  })
  .superRefine(exactlyOneOfVariationOrRollout);

const targetSchema = z.looseObject({ values: z.array(z.string()), variation: variationIndex });
const contextTargetSchema = z.looseObject({
  contextKind: contextKind.optional(),
  values: z.array(z.string()),
  variation: variationIndex,
});

export const flagSchema = z
  .looseObject({
    key: z.string().min(1),
    version: z.number().int().min(0),
    on: z.boolean(),
    offVariation: variationIndex.optional(),
    variations: z.array(jsonValue),
    salt: z.string().optional(),
    targets: z.array(targetSchema).optional(),
    contextTargets: z.array(contextTargetSchema).optional(),
    rules: z.array(flagRuleSchema).optional(),
    fallthrough: variationOrRolloutSchema,
    prerequisites: z.array(z.looseObject({ key: z.string().min(1), variation: variationIndex })).optional(),
    trackEvents: z.boolean().optional(),
    trackEventsFallthrough: z.boolean().optional(),
    clientSideAvailability: z
      .looseObject({ usingEnvironmentId: z.boolean(), usingMobileKey: z.boolean() })
      .optional(),
    clientSide: z.boolean().optional(),
    deleted: z.boolean().optional(),
  })
  .superRefine((flag, ctx) => {
    const count = flag.variations.length;
    const check = (index: number | undefined, path: (string | number)[]): void => {
      if (index !== undefined && index >= count) {
        ctx.addIssue({ code: 'custom', path, message: `variation index ${index} out of range (${count})` });
      }
    };
    const checkVariationOrRollout = (
      value: z.infer<typeof variationOrRolloutSchema>,
      path: (string | number)[],
    ): void => {
      check(value.variation, [...path, 'variation']);
      value.rollout?.variations.forEach((weighted, i) => {
        check(weighted.variation, [...path, 'rollout', 'variations', i, 'variation']);
      });
    };
    check(flag.offVariation, ['offVariation']);
    for (const [i, target] of (flag.targets ?? []).entries())
      check(target.variation, ['targets', i, 'variation']);
    for (const [i, target] of (flag.contextTargets ?? []).entries()) {
      check(target.variation, ['contextTargets', i, 'variation']);
    }
    for (const [i, rule] of (flag.rules ?? []).entries()) checkVariationOrRollout(rule, ['rules', i]);
    checkVariationOrRollout(flag.fallthrough, ['fallthrough']);
  });

const segmentTargetSchema = z.looseObject({ contextKind, values: z.array(z.string()) });

export const segmentRuleSchema = z
  .looseObject({
    id: z.string().optional(),
    clauses: z.array(clauseSchema),
    weight: weight.optional(),
    bucketBy: z.string().optional(),
    rolloutContextKind: contextKind.optional(),
  })
  .superRefine((rule, ctx) => {
    if (
      rule.bucketBy !== undefined &&
      !parseAttributeReference(rule.bucketBy, rule.rolloutContextKind === undefined).valid
    ) {
      ctx.addIssue({ code: 'custom', path: ['bucketBy'], message: 'invalid attribute reference' });
    }
  });

export const segmentSchema = z.looseObject({
  key: z.string().min(1),
  version: z.number().int().min(0),
  salt: z.string().optional(),
  included: z.array(z.string()).optional(),
  excluded: z.array(z.string()).optional(),
  includedContexts: z.array(segmentTargetSchema).optional(),
  excludedContexts: z.array(segmentTargetSchema).optional(),
  rules: z.array(segmentRuleSchema).optional(),
  unbounded: z.boolean().optional(),
  unboundedContextKind: contextKind.optional(),
  generation: z.number().int().optional(),
  deleted: z.boolean().optional(),
});

const contextMetaSchema = z.looseObject({ privateAttributes: z.array(z.string()).optional() });
const contextBody = {
  key: z.string().min(1),
  name: z.string().optional(),
  anonymous: z.boolean().optional(),
  _meta: contextMetaSchema.optional(),
};

/** One context of one kind, e.g. `{ kind: 'user', key: 'u1', plan: 'pro' }`. */
export const singleContextSchema = z
  .object({
    kind: z.string().regex(/^(?!kind$|multi$)[\w.-]+$/, 'must match ^[\\w.-]+$ and not be "kind" or "multi"'),
    ...contextBody,
  })
  .catchall(jsonValue);

const kindlessContextSchema = z.object(contextBody).catchall(jsonValue);

/** Several contexts of different kinds, e.g. `{ kind: 'multi', user: { key: 'u1' }, org: { key: 'o1' } }`. */
export const multiContextSchema = z
  .object({ kind: z.literal('multi') })
  .catchall(kindlessContextSchema)
  .superRefine((context, ctx) => {
    const kinds = Object.keys(context).filter((kind) => kind !== 'kind');
    if (kinds.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'a multi-kind context needs at least one kind' });
    }
    for (const kind of kinds.filter((k) => !kindPattern.test(k))) {
      ctx.addIssue({ code: 'custom', path: [kind], message: 'invalid context kind' });
    }
  });

/** A pre-contexts LaunchDarkly user: no `kind`, custom attributes under `custom`. */
export const legacyUserSchema = z.object({
  key: z.string().min(1),
  name: z.string().optional(),
  anonymous: z.boolean().optional(),
  ip: z.string().optional(),
  email: z.string().optional(),
  avatar: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  country: z.string().optional(),
  custom: z.record(z.string(), jsonValue).optional(),
  privateAttributeNames: z.array(z.string()).optional(),
});

export const contextSchema = z.union([multiContextSchema, singleContextSchema, legacyUserSchema]);

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue): ValidationIssue => ({ field: formatPath(issue.path), message: issue.message }),
  );
  throw new ValidationError(issues as [ValidationIssue, ...ValidationIssue[]], { cause: result.error });
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
