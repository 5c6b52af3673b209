import type { AttributeReference } from '../attribute-reference.js';
import { hashPrefix } from '../bucketing.js';
import type { EvalContext } from '../context.js';
import type { Segment } from '../model.js';
import { isObject } from '../nulls.js';
import type { PatternEngine } from '../patterns.js';
import type { LooseItem } from '../store.js';
import { compileClause } from './clause.js';
import { attributeBucket, bucketByReference } from './rollout.js';
import {
  type ClauseTest,
  list,
  MATCH,
  MATCH_ERROR,
  type Match,
  matchAll,
  NO_MATCH,
  type Scope,
} from './scope.js';

interface KeySet {
  readonly kind: string;
  readonly keys: ReadonlySet<string>;
}

interface CompiledSegmentRule {
  readonly clauses: readonly ClauseTest[];
  /** weight / 100000, or `undefined` when the rule has no weight (then matching clauses suffice). */
  readonly threshold: number | undefined;
  readonly kind: string;
  readonly ref: AttributeReference | undefined;
  readonly malformed: boolean;
}

export interface CompiledSegment {
  readonly key: string;
  readonly version: number;
  readonly source: Segment;
  match(context: EvalContext, scope: Scope): Match;
  /** The `evaluateAll` call (its epoch) that `memoMatch` was computed in; 0 for none. */
  memoEpoch: number;
  memoMatch: Match;
}

function stringSet(values: unknown): ReadonlySet<string> {
  return new Set(Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : []);
}

/** `included`/`excluded` (user keys) come after the `…Contexts` lists of the same polarity. */
function keySets(contextTargets: unknown, userKeys: unknown): KeySet[] {
  const sets = (list(contextTargets) ?? [])
    .filter(isObject)
    .filter((t) => typeof t.contextKind === 'string')
    .map((t) => ({ kind: t.contextKind as string, keys: stringSet(t.values) }));
  sets.push({ kind: 'user', keys: stringSet(userKeys) });
  return sets.filter((set) => set.keys.size > 0);
}

function inAny(sets: readonly KeySet[], context: EvalContext): boolean {
  for (const set of sets) {
    const key = context.keyOf(set.kind);
    if (key !== undefined && set.keys.has(key)) return true;
  }
  return false;
}

function compileRule(raw: unknown, patterns: PatternEngine | undefined): CompiledSegmentRule {
  const rule = isObject(raw) ? raw : {};
  const clauses = list(rule.clauses);
  const { weight, rolloutContextKind } = rule;
  const ref = bucketByReference(rule.bucketBy, rolloutContextKind);
  return {
    clauses: (clauses ?? []).map((clause) => compileClause(clause, patterns)),
    threshold: typeof weight === 'number' ? weight / 100_000 : undefined,
    kind: typeof rolloutContextKind === 'string' ? rolloutContextKind : 'user',
    ref,
    malformed:
      !isObject(raw) ||
      clauses === undefined ||
      (weight !== undefined && typeof weight !== 'number') ||
      (rolloutContextKind !== undefined && typeof rolloutContextKind !== 'string') ||
      ref?.valid === false,
  };
}

/**
 * Compiles a segment: key lists become sets, rules are compiled, and the bucketing prefix for
 * weighted rules (segment key and salt, never a seed) is fixed. `matches` clauses run on `patterns`.
 */
export function compileSegment(source: LooseItem, patterns?: PatternEngine): CompiledSegment {
  const rules = list(source.rules);
  const compiledRules = (rules ?? []).map((raw) => compileRule(raw, patterns));
  const included = keySets(source.includedContexts, source.included);
  const excluded = keySets(source.excludedContexts, source.excluded);
  const prefix = hashPrefix(source.key, typeof source.salt === 'string' ? source.salt : '', undefined);
  const malformed = rules === undefined;
  const unbounded = source.unbounded === true;

  return {
    key: source.key,
    version: source.version,
    source: source as unknown as Segment,
    memoEpoch: 0,
    memoMatch: NO_MATCH,
    match(context, scope) {
      // Unbounded ("big") segments live in a store this core does not have, so they never match.
      if (unbounded) return NO_MATCH;
      if (malformed) return MATCH_ERROR;
      if (inAny(included, context)) return MATCH;
      if (inAny(excluded, context)) return NO_MATCH;
      for (const rule of compiledRules) {
        const match = matchAll(rule.clauses, context, scope);
        if (match === MATCH_ERROR) return match;
        if (match === NO_MATCH) continue;
        if (rule.malformed) return MATCH_ERROR;
        if (rule.threshold === undefined) return MATCH;
        const bucket = attributeBucket(context, rule.kind, rule.ref, prefix, scope);
        if (bucket < rule.threshold) return MATCH;
      }
      return NO_MATCH;
    },
  };
}
