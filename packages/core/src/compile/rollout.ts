import { type AttributeReference, parseAttributeReference } from '../attribute-reference.js';
import { bucketableValue, type HashPrefix, hashPrefix } from '../bucketing.js';
import type { EvalContext } from '../context.js';
import type { Reason } from '../model.js';
import { isObject } from '../nulls.js';
import { MALFORMED, type Outcome, variationOutcome } from '../results.js';
import type { Scope } from './scope.js';

const KEY = parseAttributeReference('key', true);

/** Identity of what is being bucketed: hash inputs start with `<key>.<salt>.` unless seeded. */
export interface BucketOwner {
  readonly key: string;
  readonly salt: string;
}

/** The bucket of one context (by its attribute `ref` of `kind`) for a rollout or weighted segment rule. */
export function attributeBucket(
  context: EvalContext,
  kind: string,
  ref: AttributeReference | undefined,
  prefix: HashPrefix,
  scope: Scope,
): number {
  if (ref === undefined) return 0;
  const value = bucketableValue(context.read(kind, ref));
  return value === undefined ? 0 : scope.bucket(prefix, value);
}

/** The bucketBy reference, `undefined` for `kind` (a list of kinds is not bucketable). */
export function bucketByReference(bucketBy: unknown, contextKind: unknown): AttributeReference | undefined {
  const ref = parseAttributeReference(bucketBy ?? 'key', contextKind === undefined);
  return ref.isKind ? undefined : ref;
}

/** A percentage rollout with its cumulative thresholds and every possible outcome precomputed. */
export class CompiledRollout {
  constructor(
    private readonly contextKind: string,
    private readonly ref: AttributeReference | undefined,
    private readonly prefix: HashPrefix,
    /** Running sums of weight / 100000, accumulated exactly as the reference SDK does. */
    private readonly thresholds: readonly number[],
    private readonly outcomes: readonly Outcome[],
    /** Same as `outcomes` except where the context is counted in an experiment. */
    private readonly experimentOutcomes: readonly Outcome[],
  ) {}

  resolve(context: EvalContext, scope: Scope): Outcome {
    const bucket = attributeBucket(context, this.contextKind, this.ref, this.prefix, scope);
    const { thresholds } = this;
    const last = thresholds.length - 1;
    let i = 0;
    while (i < last && !(bucket < (thresholds[i] as number))) i += 1;
    // An experiment counts only contexts that have the rollout's kind.
    const outcomes =
      context.forKind(this.contextKind) === undefined ? this.outcomes : this.experimentOutcomes;
    return outcomes[i] as Outcome;
  }
}

export type Resolver = Outcome | CompiledRollout;

export function resolve(resolver: Resolver, context: EvalContext, scope: Scope): Outcome {
  return resolver instanceof CompiledRollout ? resolver.resolve(context, scope) : resolver;
}

/**
 * Compiles a fallthrough or rule's `{ variation }` or `{ rollout }`. Data that can never give a
 * result (neither field, no rollout variations, a bad bucketBy) compiles to `MALFORMED`.
 */
export function compileVariationOrRollout(
  raw: unknown,
  owner: BucketOwner,
  variations: readonly unknown[],
  reason: Reason,
  experimentReason: Reason,
): Resolver {
  if (!isObject(raw)) return MALFORMED;
  if (raw.variation !== undefined) return variationOutcome(variations, raw.variation, reason);
  const { rollout } = raw;
  if (!isObject(rollout) || !Array.isArray(rollout.variations) || rollout.variations.length === 0) {
    return MALFORMED;
  }
  const weighted = rollout.variations;
  if (!weighted.every((w) => isObject(w) && typeof w.weight === 'number')) return MALFORMED;
  const isExperiment = rollout.kind === 'experiment';
  const { contextKind, seed } = rollout;
  if (contextKind !== undefined && typeof contextKind !== 'string') return MALFORMED;
  // Experiments always bucket by key, whatever bucketBy says.
  const ref = isExperiment ? KEY : bucketByReference(rollout.bucketBy, contextKind);
  if (ref?.valid === false) return MALFORMED;

  const thresholds: number[] = [];
  const outcomes: Outcome[] = [];
  const experimentOutcomes: Outcome[] = [];
  let sum = 0;
  for (const w of weighted as { variation?: unknown; weight: number; untracked?: unknown }[]) {
    sum += w.weight / 100_000;
    thresholds.push(sum);
    const outcome = variationOutcome(variations, w.variation, reason);
    outcomes.push(outcome);
    const tracked = isExperiment && w.untracked !== true;
    experimentOutcomes.push(tracked ? variationOutcome(variations, w.variation, experimentReason) : outcome);
  }
  const numericSeed = typeof seed === 'number' && Number.isFinite(seed) ? seed : undefined;
  return new CompiledRollout(
    contextKind ?? 'user',
    ref,
    hashPrefix(owner.key, owner.salt, numericSeed),
    thresholds,
    outcomes,
    experimentOutcomes,
  );
}
