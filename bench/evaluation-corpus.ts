/**
 * A corpus of random complex flags for bench/evaluation.bench.ts, drawn with the differential
 * test's generators (packages/core/testing/arbitraries.ts) from a fixed seed, so that every run
 * and both evaluators see the same flags, segments and contexts.
 *
 * Each corpus entry is one generated world (three segments, three flags) under its own key prefix,
 * so all of them live in one store; the flag measured is the world's `f0`, which may have the other
 * two as prerequisites. Only complex flags are kept: on, with at least two rules and three clauses.
 */
import fc from 'fast-check';
import { context, world } from '../packages/core/testing/arbitraries.js';

type Json = Record<string, unknown>;

export interface CorpusFlag {
  readonly key: string;
  /** Short labels for what the flag (with its prerequisites and segments) uses, e.g. `regex`, `experiment`. */
  readonly shape: readonly string[];
}

export interface Corpus {
  readonly flags: Json[];
  readonly segments: Json[];
  /** The flags measured, one per world. */
  readonly subjects: CorpusFlag[];
  readonly contexts: Json[];
}

const asList = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

function clausesOf(rules: unknown): Json[] {
  return asList(rules).flatMap((rule) => asList(rule.clauses));
}

function isComplex(flag: Json): boolean {
  const rules = asList(flag.rules);
  return flag.on === true && rules.length >= 2 && clausesOf(rules).length >= 3;
}

const OPERATOR_SHAPES: Record<string, string> = {
  matches: 'regex',
  semVerEqual: 'semver',
  semVerLessThan: 'semver',
  semVerGreaterThan: 'semver',
  before: 'date',
  after: 'date',
  segmentMatch: 'segment',
};

/** What a flag reaches: its own rules, its prerequisites (one level) and the segments its clauses name. */
function shapeOf(flag: Json, flagsByKey: Map<string, Json>, segmentsByKey: Map<string, Json>): string[] {
  const shape = new Set<string>();
  const clauses = clausesOf(flag.rules);
  const prerequisites = asList(flag.prerequisites);
  if (prerequisites.length > 0) shape.add('prerequisite');
  for (const prerequisite of prerequisites) {
    const other = flagsByKey.get(prerequisite.key as string);
    if (other !== undefined) clauses.push(...clausesOf(other.rules));
  }
  const segmentKeys = clauses
    .filter((clause) => clause.op === 'segmentMatch')
    .flatMap((clause) => asList(clause.values) as unknown[] as string[]);
  for (const key of segmentKeys) {
    const segment = segmentsByKey.get(key);
    if (segment === undefined) continue;
    const rules = asList(segment.rules);
    clauses.push(...clausesOf(rules));
    if (rules.some((rule) => typeof rule.weight === 'number')) shape.add('weighted-segment');
  }
  for (const clause of clauses) {
    const op = OPERATOR_SHAPES[clause.op as string];
    if (op !== undefined) shape.add(op);
    if (typeof clause.attribute === 'string' && clause.contextKind !== undefined) {
      if (clause.attribute.lastIndexOf('/') > 0) shape.add('nested-path');
    }
  }
  const rollouts = [flag.fallthrough, ...asList(flag.rules)]
    .map((vr) => (vr as Json | undefined)?.rollout as Json | undefined)
    .filter((rollout) => rollout !== undefined);
  if (rollouts.some((rollout) => rollout.kind === 'experiment')) shape.add('experiment');
  else if (rollouts.length > 0) shape.add('rollout');
  if (asList(flag.targets).length + asList(flag.contextTargets).length > 0) shape.add('targets');
  return [...shape].sort();
}

/**
 * `count` complex flags (with their worlds' other flags and segments) and `contextCount` contexts
 * (single, multi-kind, legacy and a few invalid, as the differential test draws them).
 */
export function corpus(count: number, contextCount: number, seed = 20_261_206): Corpus {
  const flags: Json[] = [];
  const segments: Json[] = [];
  const subjects: CorpusFlag[] = [];
  let drawn = 0;
  while (subjects.length < count) {
    const batch = fc.sample(world(`w${drawn}-`, 3, 3), { seed: seed + drawn, numRuns: 1 });
    drawn += 1;
    const sample = batch[0];
    if (sample === undefined || !isComplex(sample.flags[0] as Json)) continue;
    // Each world is drawn under its own key prefix, so its keys are unique across the corpus.
    const worldFlags = sample.flags;
    const flagsByKey = new Map(worldFlags.map((flag) => [flag.key as string, flag]));
    const segmentsByKey = new Map(sample.segments.map((segment) => [segment.key as string, segment]));
    const subject = worldFlags[0] as Json;
    flags.push(...worldFlags);
    segments.push(...sample.segments);
    subjects.push({ key: subject.key as string, shape: shapeOf(subject, flagsByKey, segmentsByKey) });
  }
  const contexts = fc.sample(context, { seed, numRuns: contextCount });
  return { flags, segments, subjects, contexts };
}
