/**
 * Semantic checks that a schema cannot express: indexes in range, references that resolve, rollouts
 * that add up, no cycles. Pure functions over plain data; each problem names the field the API
 * reports, e.g. `environments.production.rules[1].rollout.variations`.
 */
import { compilePattern } from '@switchboard/core';
import { operators } from '@switchboard/core/schema';

export interface Issue {
  readonly field: string;
  readonly message: string;
}

export interface ClauseLike {
  readonly contextKind?: string | undefined;
  readonly attribute: string;
  readonly op: string;
  readonly values: readonly unknown[];
}

interface RolloutLike {
  readonly contextKind?: string | undefined;
  readonly bucketBy?: string | undefined;
  readonly variations: readonly { readonly variation: number; readonly weight: number }[];
}

interface ServeLike {
  readonly variation?: number | undefined;
  readonly rollout?: RolloutLike | undefined;
}

export interface FlagConfigLike {
  readonly offVariation?: number | null | undefined;
  readonly targets: readonly { readonly variation: number }[];
  readonly contextTargets: readonly { readonly variation: number }[];
  readonly rules: readonly (ServeLike & { readonly id: string; readonly clauses: readonly ClauseLike[] })[];
  readonly fallthrough: ServeLike;
  readonly prerequisites: readonly { readonly key: string; readonly variation: number }[];
}

export interface SegmentLike {
  readonly key: string;
  readonly rules: readonly {
    readonly id: string;
    readonly clauses: readonly ClauseLike[];
    readonly bucketBy?: string | undefined;
    readonly rolloutContextKind?: string | undefined;
  }[];
}

/** What the other flags and segments of the same environment look like, for reference checks. */
export interface EnvironmentIndex {
  readonly segments: ReadonlyMap<string, readonly string[]>;
  /** flag key → its variation count and prerequisite keys */
  readonly flags: ReadonlyMap<
    string,
    { readonly variationCount: number; readonly prerequisites: readonly string[] }
  >;
}

export const ROLLOUT_TOTAL = 100_000;

const OPERATORS: ReadonlySet<string> = new Set(operators);

/** Attribute reference syntax of evaluation.md: a literal name, or a `/`-path with `~0`/`~1` escapes. */
export function isValidAttributeReference(ref: string, asPath: boolean): boolean {
  if (ref === '') return false;
  if (!asPath || !ref.startsWith('/')) return true;
  const parts = ref.slice(1).split('/');
  return parts.every((part) => part !== '' && !/~(?![01])/.test(part));
}

const isValidRegex = (pattern: unknown): boolean =>
  typeof pattern === 'string' && compilePattern(pattern) !== undefined;

function checkIndex(index: number | null | undefined, count: number, field: string): Issue[] {
  if (index === null || index === undefined || (Number.isInteger(index) && index >= 0 && index < count))
    return [];
  return [{ field, message: `variation index ${index} is out of range (the flag has ${count} variations)` }];
}

export function checkClauses(
  clauses: readonly ClauseLike[],
  segments: ReadonlyMap<string, unknown>,
  field: string,
): Issue[] {
  return clauses.flatMap((clause, i) => checkClause(clause, segments, `${field}[${i}]`));
}

function checkClause(clause: ClauseLike, segments: ReadonlyMap<string, unknown>, field: string): Issue[] {
  if (!OPERATORS.has(clause.op))
    return [{ field: `${field}.op`, message: `unknown operator "${clause.op}"` }];
  if (clause.op === 'segmentMatch') {
    return clause.values.flatMap((value, k) =>
      typeof value === 'string' && segments.has(value)
        ? []
        : [{ field: `${field}.values[${k}]`, message: `unknown segment ${JSON.stringify(value)}` }],
    );
  }
  const issues: Issue[] = [];
  if (!isValidAttributeReference(clause.attribute, clause.contextKind !== undefined)) {
    issues.push({
      field: `${field}.attribute`,
      message: `invalid attribute reference "${clause.attribute}"`,
    });
  }
  if (clause.op === 'matches') {
    clause.values.forEach((value, k) => {
      if (!isValidRegex(value))
        issues.push({
          field: `${field}.values[${k}]`,
          message: `invalid regular expression ${JSON.stringify(value)}: outside the syntax every evaluator runs (RE2's, without lookaround, backreferences, inline flags or Unicode classes; docs/evaluation.md)`,
        });
    });
  }
  return issues;
}

function checkRollout(rollout: RolloutLike, count: number, field: string): Issue[] {
  const issues = rollout.variations.flatMap((v, j) =>
    checkIndex(v.variation, count, `${field}.variations[${j}].variation`),
  );
  const total = rollout.variations.reduce((sum, v) => sum + v.weight, 0);
  if (total !== ROLLOUT_TOTAL) {
    issues.push({
      field: `${field}.variations`,
      message: `weights add up to ${total}, not ${ROLLOUT_TOTAL}`,
    });
  }
  if (
    rollout.bucketBy !== undefined &&
    !isValidAttributeReference(rollout.bucketBy, rollout.contextKind !== undefined)
  ) {
    issues.push({ field: `${field}.bucketBy`, message: `invalid attribute reference "${rollout.bucketBy}"` });
  }
  return issues;
}

function checkServe(serve: ServeLike, count: number, field: string): Issue[] {
  const hasVariation = serve.variation !== undefined;
  const hasRollout = serve.rollout !== undefined;
  if (hasVariation === hasRollout)
    return [{ field, message: 'needs exactly one of "variation" or "rollout"' }];
  if (serve.rollout) return checkRollout(serve.rollout, count, `${field}.rollout`);
  return checkIndex(serve.variation, count, `${field}.variation`);
}

function checkRuleIds(rules: readonly { readonly id: string }[], field: string): Issue[] {
  const seen = new Set<string>();
  return rules.flatMap((rule, i) => {
    if (!seen.has(rule.id)) {
      seen.add(rule.id);
      return [];
    }
    return [{ field: `${field}[${i}].id`, message: `duplicate rule id "${rule.id}"` }];
  });
}

/** Finds a path from `start` back to itself through `edges`, or undefined. */
export function findCycle(start: string, edges: (node: string) => readonly string[]): string[] | undefined {
  const visiting = new Set<string>();
  const done = new Set<string>();
  const walk = (node: string, path: string[]): string[] | undefined => {
    if (node === start && path.length > 0) return [...path, node];
    if (visiting.has(node) || done.has(node)) return undefined;
    visiting.add(node);
    for (const next of edges(node)) {
      const cycle = walk(next, [...path, node]);
      if (cycle) return cycle;
    }
    visiting.delete(node);
    done.add(node);
    return undefined;
  };
  return walk(start, []);
}

function checkPrerequisites(
  flagKey: string,
  config: FlagConfigLike,
  index: EnvironmentIndex,
  field: string,
): Issue[] {
  const seen = new Set<string>();
  const issues = config.prerequisites.flatMap((prerequisite, i): Issue[] => {
    const at = `${field}[${i}]`;
    if (seen.has(prerequisite.key))
      return [{ field: `${at}.key`, message: `duplicate prerequisite "${prerequisite.key}"` }];
    seen.add(prerequisite.key);
    if (prerequisite.key === flagKey)
      return [{ field: `${at}.key`, message: 'a flag cannot be its own prerequisite' }];
    const target = index.flags.get(prerequisite.key);
    if (!target) return [{ field: `${at}.key`, message: `unknown prerequisite flag "${prerequisite.key}"` }];
    return checkIndex(prerequisite.variation, target.variationCount, `${at}.variation`);
  });
  if (issues.length > 0) return issues;
  const edges = (key: string) =>
    key === flagKey ? config.prerequisites.map((p) => p.key) : (index.flags.get(key)?.prerequisites ?? []);
  const cycle = findCycle(flagKey, edges);
  return cycle ? [{ field, message: `prerequisite cycle: ${cycle.join(' → ')}` }] : [];
}

/** Checks one environment's configuration of flag `flagKey` with `variationCount` variations. */
export function checkFlagConfig(
  flagKey: string,
  variationCount: number,
  config: FlagConfigLike,
  index: EnvironmentIndex,
  field: string,
): Issue[] {
  return [
    ...checkIndex(config.offVariation, variationCount, `${field}.offVariation`),
    ...config.targets.flatMap((t, i) =>
      checkIndex(t.variation, variationCount, `${field}.targets[${i}].variation`),
    ),
    ...config.contextTargets.flatMap((t, i) =>
      checkIndex(t.variation, variationCount, `${field}.contextTargets[${i}].variation`),
    ),
    ...checkRuleIds(config.rules, `${field}.rules`),
    ...config.rules.flatMap((rule, i) => [
      ...checkClauses(rule.clauses, index.segments, `${field}.rules[${i}].clauses`),
      ...checkServe(rule, variationCount, `${field}.rules[${i}]`),
    ]),
    ...checkServe(config.fallthrough, variationCount, `${field}.fallthrough`),
    ...checkPrerequisites(flagKey, config, index, `${field}.prerequisites`),
  ];
}

/** Checks a segment's rules; `segmentMatch` may refer to other segments of the environment, never in a cycle. */
export function checkSegment(segment: SegmentLike, index: EnvironmentIndex, field = ''): Issue[] {
  const at = (suffix: string) => (field ? `${field}.${suffix}` : suffix);
  const issues = [
    ...checkRuleIds(segment.rules, at('rules')),
    ...segment.rules.flatMap((rule, i) => [
      ...checkClauses(
        rule.clauses,
        new Map([...index.segments, [segment.key, []]]),
        at(`rules[${i}].clauses`),
      ),
      ...(rule.bucketBy !== undefined &&
      !isValidAttributeReference(rule.bucketBy, rule.rolloutContextKind !== undefined)
        ? [{ field: at(`rules[${i}].bucketBy`), message: `invalid attribute reference "${rule.bucketBy}"` }]
        : []),
    ]),
  ];
  if (issues.length > 0) return issues;
  const edges = (key: string) =>
    key === segment.key ? segmentReferences(segment) : (index.segments.get(key) ?? []);
  const cycle = findCycle(segment.key, edges);
  return cycle ? [{ field: at('rules'), message: `segment cycle: ${cycle.join(' → ')}` }] : [];
}

/** The segment keys a segment's rules refer to, which the environment index records as its edges. */
export function segmentReferences(segment: Pick<SegmentLike, 'rules'>): string[] {
  return segment.rules.flatMap((r) =>
    r.clauses
      .filter((c) => c.op === 'segmentMatch')
      .flatMap((c) => c.values.filter((v): v is string => typeof v === 'string')),
  );
}
