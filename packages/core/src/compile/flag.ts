import type { Flag, Reason } from '../model.js';
import { isObject, type JsonObject } from '../nulls.js';
import type { PatternEngine } from '../patterns.js';
import {
  DefaultOutcome,
  FALLTHROUGH,
  FALLTHROUGH_IN_EXPERIMENT,
  MALFORMED,
  OFF,
  type Outcome,
  prerequisiteFailed,
  ruleMatch,
  variationOutcome,
} from '../results.js';
import type { LooseItem } from '../store.js';
import { compileClause, malformedClause } from './clause.js';
import { type BucketOwner, CompiledRollout, compileVariationOrRollout, type Resolver } from './rollout.js';
import { type ClauseTest, list } from './scope.js';
import { compileTargets, type TargetIndex } from './targets.js';

interface CompiledRule {
  readonly clauses: readonly ClauseTest[];
  readonly resolver: Resolver;
}

interface CompiledPrerequisite {
  readonly key: string;
  readonly variation: unknown;
  /** This flag's off variation with reason `PREREQUISITE_FAILED` for this prerequisite. */
  readonly failed: Outcome;
  /** The prerequisite flag as last looked up, valid while the flag store is at `generation`. */
  flag: CompiledFlag | undefined;
  generation: number;
}

export interface CompiledFlag {
  readonly key: string;
  readonly version: number;
  readonly source: Flag;
  readonly clientSide: boolean;
  readonly on: boolean;
  readonly off: Outcome;
  readonly prerequisites: readonly CompiledPrerequisite[];
  readonly targets: TargetIndex | undefined;
  readonly rules: readonly CompiledRule[];
  readonly fallthrough: Resolver;
  /**
   * The outcome when it depends on nothing but the context being valid (flag off, or on with only
   * a fixed fallthrough; or malformed throughout), so evaluation can return it straight away.
   */
  readonly constant: Outcome | undefined;
  /** The `evaluateAll` call (its epoch) that `memoOutcome` was computed in; 0 for none. */
  memoEpoch: number;
  memoOutcome: Outcome | undefined;
}

/** The off variation with `reason`; the caller's default when there is no off variation. */
function offOutcome(variations: readonly unknown[], offVariation: unknown, reason: Reason): Outcome {
  return offVariation === undefined
    ? new DefaultOutcome(reason)
    : variationOutcome(variations, offVariation, reason);
}

function compilePrerequisite(
  raw: unknown,
  variations: readonly unknown[],
  offVariation: unknown,
): CompiledPrerequisite | undefined {
  if (!isObject(raw) || typeof raw.key !== 'string') return undefined;
  const failed = offOutcome(variations, offVariation, prerequisiteFailed(raw.key));
  return { key: raw.key, variation: raw.variation, failed, flag: undefined, generation: -1 };
}

function compileRule(
  raw: unknown,
  ruleIndex: number,
  owner: BucketOwner,
  variations: readonly unknown[],
  patterns: PatternEngine | undefined,
) {
  const rule = isObject(raw) ? raw : {};
  const clauses = list(rule.clauses);
  return {
    clauses:
      clauses === undefined ? [malformedClause] : clauses.map((clause) => compileClause(clause, patterns)),
    resolver: compileVariationOrRollout(
      raw,
      owner,
      variations,
      ruleMatch(ruleIndex, rule.id, false),
      ruleMatch(ruleIndex, rule.id, true),
    ),
  };
}

function isClientSide(source: JsonObject): boolean {
  const availability = source.clientSideAvailability;
  return isObject(availability) ? availability.usingEnvironmentId === true : source.clientSide === true;
}

/**
 * Compiles a flag once, on load or upsert. Structurally loose data is accepted: anything that cannot
 * give a result compiles to `MALFORMED` at the point where evaluation would reach it, and lists of
 * the wrong type make the whole flag malformed. `matches` clauses run on `patterns`.
 */
export function compileFlag(source: LooseItem, patterns?: PatternEngine): CompiledFlag {
  const variationList = list(source.variations);
  const targets = list(source.targets);
  const contextTargets = list(source.contextTargets);
  const rules = list(source.rules);
  const prerequisiteList = list(source.prerequisites);
  const variations = variationList ?? [];
  const prerequisites = (prerequisiteList ?? []).map((raw) =>
    compilePrerequisite(raw, variations, source.offVariation),
  );
  const owner: BucketOwner = { key: source.key, salt: typeof source.salt === 'string' ? source.salt : '' };
  const on = source.on === true;
  const off = offOutcome(variations, source.offVariation, OFF);
  const compiledRules = (rules ?? []).map((raw, index) =>
    compileRule(raw, index, owner, variations, patterns),
  );
  const compiledTargets = compileTargets(targets ?? [], contextTargets ?? [], variations);
  const fallthrough = compileVariationOrRollout(
    source.fallthrough,
    owner,
    variations,
    FALLTHROUGH,
    FALLTHROUGH_IN_EXPERIMENT,
  );
  const compiledPrerequisites = prerequisites.filter((p) => p !== undefined);
  const malformed =
    variationList === undefined ||
    targets === undefined ||
    contextTargets === undefined ||
    rules === undefined ||
    prerequisiteList === undefined ||
    compiledPrerequisites.length < prerequisites.length;
  const fixed =
    compiledPrerequisites.length === 0 &&
    compiledTargets === undefined &&
    compiledRules.length === 0 &&
    !(fallthrough instanceof CompiledRollout);

  return {
    key: source.key,
    version: source.version,
    // Loosely loaded data is exposed under the model's type; only parseFlag guarantees the shape.
    source: source as unknown as Flag,
    clientSide: isClientSide(source),
    on,
    off,
    prerequisites: compiledPrerequisites,
    targets: compiledTargets,
    rules: compiledRules,
    fallthrough,
    constant: malformed ? MALFORMED : !on ? off : fixed ? (fallthrough as Outcome) : undefined,
    memoEpoch: 0,
    memoOutcome: undefined,
  };
}
