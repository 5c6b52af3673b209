/**
 * The flag model's authoring rules beyond types: variation indexes in range, exactly one of
 * `variation` or `rollout`, valid attribute references and RE2 patterns, rollouts that add up,
 * references that resolve, no cycles. Pure functions over plain data. The schemas in `schema.ts`
 * run the rules that need nothing but the value itself; the API adds the ones that need the rest of
 * the environment ({@link checkFlagConfig}, {@link checkSegment}).
 */
import { parseAttributeReference } from './attribute-reference.js';
import { parseDate } from './dates.js';
import { fieldPath, joinField, type ValidationIssue } from './errors.js';
import { repeatedValues } from './json-equal.js';
import {
  type Clause,
  type Flag,
  type Operator,
  operators,
  operatorValues,
  type Rollout,
  type Segment,
  type SegmentRule,
  type ValueType,
  type VariationOrRollout,
  valueTypeOf,
} from './model.js';
import { compilePattern } from './patterns.js';
import { parseSemVer } from './semver.js';

/** One broken rule, at a path relative to the value checked. */
export interface PathIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Path = readonly (string | number)[];

/** A rollout's weights add up to this: 100% in thousandths of a percent. */
export const ROLLOUT_TOTAL = 100_000;

/**
 * A clause as authored: the model's clause before its operator is known to be one of
 * {@link operators}, so that an unknown one is reported where the clause sits.
 */
export type AuthoredClause = Pick<Clause, 'contextKind' | 'attribute'> & {
  readonly op: string;
  readonly values: readonly unknown[];
};

/** A segment as authored, its clauses as in {@link AuthoredClause}. */
export type AuthoredSegment = Pick<Segment, 'key'> & {
  readonly rules?:
    | readonly (Pick<SegmentRule, 'id' | 'bucketBy' | 'rolloutContextKind'> & {
        readonly clauses: readonly AuthoredClause[];
      })[]
    | undefined;
};

const OPERATORS: ReadonlySet<string> = new Set(operators);

/** A list of individual targets: context keys served `variation`. */
type TargetList = { readonly variation: number; readonly values?: readonly string[] | undefined };

/** What one flag environment's targeting holds; the API's `null` off variation means none. */
export type FlagTargeting = Pick<Flag, 'fallthrough'> & {
  readonly offVariation?: number | null | undefined;
  readonly targets?: readonly TargetList[] | undefined;
  readonly contextTargets?: readonly (TargetList & { readonly contextKind?: string })[] | undefined;
  readonly rules?:
    | readonly (VariationOrRollout & { readonly id: string; readonly clauses: readonly AuthoredClause[] })[]
    | undefined;
  readonly prerequisites?: readonly { readonly key: string; readonly variation: number }[] | undefined;
};

/** What the other flags and segments of the same environment look like, for reference checks. */
export interface EnvironmentIndex {
  /** segment key → the segment keys its rules refer to */
  readonly segments: ReadonlyMap<string, readonly string[]>;
  /** flag key → its variation count and prerequisite keys */
  readonly flags: ReadonlyMap<
    string,
    { readonly variationCount: number; readonly prerequisites: readonly string[] }
  >;
}

const invalidReference = (path: Path, ref: string): PathIssue => ({
  path,
  message: `invalid attribute reference "${ref}"`,
});

/** A `/`-path only when a context kind is given; without one the name is taken literally (evaluation.md). */
const isValidReference = (ref: string, contextKind: string | undefined): boolean =>
  parseAttributeReference(ref, contextKind === undefined).valid;

function indexIssues(index: number | null | undefined, count: number, path: Path): PathIssue[] {
  if (index === null || index === undefined || (Number.isInteger(index) && index >= 0 && index < count))
    return [];
  return [{ path, message: `variation index ${index} is out of range (the flag has ${count} variations)` }];
}

/**
 * A clause's own rules: a known operator, attribute reference, segment keys that are strings, and
 * values each operator can compare (RE2 patterns, numbers, dates, semantic versions).
 */
export function clauseIssues(clause: AuthoredClause): PathIssue[] {
  if (!OPERATORS.has(clause.op)) return [{ path: ['op'], message: `unknown operator "${clause.op}"` }];
  if (clause.op === 'segmentMatch') {
    return clause.values.flatMap((value, k) =>
      typeof value === 'string' ? [] : [{ path: ['values', k], message: 'segment keys are strings' }],
    );
  }
  const issues: PathIssue[] = [];
  if (!isValidReference(clause.attribute, clause.contextKind))
    issues.push(invalidReference(['attribute'], clause.attribute));
  clause.values.forEach((value, k) => {
    const problem = valueProblem(clause.op as Operator, value);
    if (problem) issues.push({ path: ['values', k], message: `${JSON.stringify(value)} ${problem}` });
  });
  return issues;
}

const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

/** Why a value can never match under its operator (`undefined`: it can). */
function valueProblem(op: Operator, value: unknown): string | undefined {
  switch (operatorValues[op]) {
    case 'regex':
      return typeof value === 'string' && compilePattern(value) !== undefined
        ? undefined
        : "is not a regular expression in the syntax every evaluator runs (RE2's, without lookaround, backreferences, inline flags or Unicode classes; docs/evaluation.md)";
    case 'number':
      return isNumber(value) ? undefined : `is not a number, and ${op} compares numbers`;
    case 'date':
      return parseDate(value) === undefined
        ? `is neither epoch milliseconds nor an RFC 3339 date-time, and ${op} compares dates`
        : undefined;
    case 'semver':
      return parseSemVer(value) === undefined
        ? `is not a semantic version such as 1.2.3, and ${op} compares versions`
        : undefined;
    default:
      return undefined;
  }
}

/** A rollout's own rules: `bucketBy` is a valid reference. */
export function rolloutIssues(rollout: Pick<Rollout, 'contextKind' | 'bucketBy'>): PathIssue[] {
  return rollout.bucketBy !== undefined && !isValidReference(rollout.bucketBy, rollout.contextKind)
    ? [invalidReference(['bucketBy'], rollout.bucketBy)]
    : [];
}

/** A segment rule's own rules: `bucketBy` is a valid reference. */
export function segmentRuleIssues(rule: Pick<SegmentRule, 'rolloutContextKind' | 'bucketBy'>): PathIssue[] {
  return rule.bucketBy !== undefined && !isValidReference(rule.bucketBy, rule.rolloutContextKind)
    ? [invalidReference(['bucketBy'], rule.bucketBy)]
    : [];
}

/** A rule or fallthrough serves exactly one of a fixed variation and a rollout. */
export function serveIssues(serve: VariationOrRollout): PathIssue[] {
  return (serve.variation === undefined) === (serve.rollout === undefined)
    ? [{ path: [], message: 'needs exactly one of "variation" or "rollout"' }]
    : [];
}

/** One place a flag's targeting names a variation by index. */
interface VariationReference {
  readonly path: Path;
  readonly variation: number | null | undefined;
  /**
   * The place across an edit of the targeting: rules by id, target lists by kind and keys (none for
   * a list without keys, which serves no one).
   */
  readonly place: string | undefined;
}

function servedReferences(serve: VariationOrRollout, path: Path, place: string): VariationReference[] {
  if (!serve.rollout) return [{ path: [...path, 'variation'], variation: serve.variation, place }];
  return serve.rollout.variations.map((v, j) => ({
    path: [...path, 'rollout', 'variations', j, 'variation'],
    variation: v.variation,
    place: `${place} ${j}`,
  }));
}

/** A configuration's individual target lists, each with its path; `targets` are of the `user` kind. */
const targetLists = (targeting: FlagTargeting) => [
  ...(targeting.targets ?? []).map((t, i) => ({ ...t, contextKind: 'user', at: ['targets', i] })),
  ...(targeting.contextTargets ?? []).map((t, i) => ({ ...t, at: ['contextTargets', i] })),
];

function variationReferences(targeting: FlagTargeting): VariationReference[] {
  return [
    { path: ['offVariation'], variation: targeting.offVariation, place: 'off' },
    ...targetLists(targeting).map((t) => ({
      path: [...t.at, 'variation'],
      variation: t.variation,
      place: t.values?.length ? JSON.stringify([t.contextKind, t.values]) : undefined,
    })),
    ...(targeting.rules ?? []).flatMap((rule, i) => servedReferences(rule, ['rules', i], `rule ${rule.id}`)),
    ...servedReferences(targeting.fallthrough, ['fallthrough'], 'fallthrough'),
  ];
}

/** Every variation index a flag's targeting names is below `count`, the number of its variations. */
export function variationIndexIssues(targeting: FlagTargeting, count: number): PathIssue[] {
  return variationReferences(targeting).flatMap((r) => indexIssues(r.variation, count, r.path));
}

/**
 * A change that `moved` variations (removed or reordered some: the indexes of the old list that no
 * longer hold the same variation) must say what each place serves: one that still names a moved
 * index, as it did before the change, would serve another variation unasked. Fields are named
 * under `field`; an index past the end is left to {@link variationIndexIssues}.
 *
 * @example
 * ```ts
 * // [red, green, blue] → [green, blue]: an off variation left at 1 would now serve blue
 * movedServeIssues([0, 1, 2], { ...was, offVariation: 1 }, { ...was, offVariation: 1 }, 2, 'environments.production');
 * // → [{ field: 'environments.production.offVariation', message: 'still names variation 1, …' }]
 * ```
 */
export function movedServeIssues(
  moved: readonly number[],
  before: FlagTargeting,
  after: FlagTargeting,
  count: number,
  field: string,
): ValidationIssue[] {
  if (moved.length === 0) return [];
  const was = new Map(variationReferences(before).map((r) => [r.place, r.variation]));
  return under(
    field,
    variationReferences(after)
      .filter(
        ({ variation: v, place }) =>
          v != null && v < count && place !== undefined && moved.includes(v) && was.get(place) === v,
      )
      .map(({ path, variation }) => ({
        path,
        message: `still names variation ${variation}, which this change moves: name the variation to serve here`,
      })),
  );
}

/**
 * A context key is targeted by one variation, as LaunchDarkly has it: evaluation serves the first
 * list holding a key, so a second would never apply.
 */
function targetKeyIssues(targeting: FlagTargeting): PathIssue[] {
  const first = new Map<string, number>();
  return targetLists(targeting).flatMap(({ contextKind = 'user', variation, values = [], at }) =>
    values.flatMap((key, k) => {
      const name = `${contextKind} key "${key}"`;
      const other = first.get(name) ?? first.set(name, variation).get(name);
      return other === variation
        ? []
        : [{ path: [...at, 'values', k], message: `${name} is targeted by variation ${other} too` }];
    }),
  );
}

/** The issues with `path` put in front of theirs. */
const prefixed = (path: Path, issues: readonly PathIssue[]): PathIssue[] =>
  issues.map((issue) => ({ path: [...path, ...issue.path], message: issue.message }));

/** What a rule or the fallthrough serves: one kind, a valid `bucketBy`, weights that add up. */
function servedIssues(serve: VariationOrRollout, path: Path): PathIssue[] {
  return [
    ...prefixed(path, serveIssues(serve)),
    ...(serve.rollout ? prefixed([...path, 'rollout'], rolloutIssues(serve.rollout)) : []),
    ...rolloutTotalIssues(serve, path),
  ];
}

function rolloutTotalIssues(serve: VariationOrRollout, path: Path): PathIssue[] {
  if (!serve.rollout) return [];
  const total = serve.rollout.variations.reduce((sum, v) => sum + v.weight, 0);
  return total === ROLLOUT_TOTAL
    ? []
    : [
        {
          path: [...path, 'rollout', 'variations'],
          message: `weights add up to ${total}, not ${ROLLOUT_TOTAL}`,
        },
      ];
}

function ruleIdIssues(rules: readonly { readonly id?: string | undefined }[], path: Path): PathIssue[] {
  const seen = new Set<string>();
  return rules.flatMap((rule, i) => {
    if (rule.id === undefined || !seen.has(rule.id)) {
      if (rule.id !== undefined) seen.add(rule.id);
      return [];
    }
    return [{ path: [...path, i, 'id'], message: `duplicate rule id "${rule.id}"` }];
  });
}

function segmentReferenceIssues(
  clauses: readonly AuthoredClause[],
  segments: ReadonlySet<string>,
  path: Path,
): PathIssue[] {
  return clauses.flatMap((clause, i) =>
    clause.op !== 'segmentMatch'
      ? []
      : clause.values.flatMap((value, k) =>
          typeof value !== 'string' || segments.has(value)
            ? []
            : [{ path: [...path, i, 'values', k], message: `unknown segment ${JSON.stringify(value)}` }],
        ),
  );
}

/**
 * Finds a path from `start` back to itself through `edges`, or undefined.
 *
 * @example
 * ```ts
 * findCycle('a', (n) => ({ a: ['b'], b: ['a'] })[n] ?? []); // → ['a', 'b', 'a']
 * ```
 */
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

function prerequisiteIssues(flagKey: string, targeting: FlagTargeting, index: EnvironmentIndex): PathIssue[] {
  const prerequisites = targeting.prerequisites ?? [];
  const seen = new Set<string>();
  const issues = prerequisites.flatMap((prerequisite, i): PathIssue[] => {
    const at = ['prerequisites', i];
    if (seen.has(prerequisite.key))
      return [{ path: [...at, 'key'], message: `duplicate prerequisite "${prerequisite.key}"` }];
    seen.add(prerequisite.key);
    if (prerequisite.key === flagKey)
      return [{ path: [...at, 'key'], message: 'a flag cannot be its own prerequisite' }];
    const target = index.flags.get(prerequisite.key);
    if (!target)
      return [{ path: [...at, 'key'], message: `unknown prerequisite flag "${prerequisite.key}"` }];
    return indexIssues(prerequisite.variation, target.variationCount, [...at, 'variation']);
  });
  if (issues.length > 0) return issues;
  const edges = (key: string) =>
    key === flagKey ? prerequisites.map((p) => p.key) : (index.flags.get(key)?.prerequisites ?? []);
  const cycle = findCycle(flagKey, edges);
  return cycle ? [{ path: ['prerequisites'], message: `prerequisite cycle: ${cycle.join(' → ')}` }] : [];
}

/**
 * A flag's variations keep the value type it was created with, as LaunchDarkly's do: an update may
 * not turn a string flag into a number or JSON one, and a boolean flag serves exactly `true` and
 * `false` (its variations' names and descriptions may change). Typed SDK calls (`boolVariation`,
 * …) in deployed code rely on it.
 *
 * @example
 * ```ts
 * checkVariationType([true, false], [true, false, 'maybe']);
 * // → [{ field: 'variations', message: 'a boolean flag serves exactly true and false' }]
 * ```
 */
export function checkVariationType(before: readonly unknown[], after: readonly unknown[]): ValidationIssue[] {
  const type = valueTypeOf(before);
  if (type === 'boolean') {
    const exact = after.length === 2 && after.includes(true) && after.includes(false);
    return exact ? [] : [{ field: 'variations', message: 'a boolean flag serves exactly true and false' }];
  }
  const now = valueTypeOf(after);
  if (now === type || after.length === 0) return [];
  const values = (t: ValueType) => (t === 'json' ? 'JSON values' : `${t}s`);
  const message = `a ${type === 'json' ? 'JSON' : type} flag's variations stay ${values(type)} (this change makes them ${values(now)}); create another flag for another type`;
  return [{ field: 'variations', message }];
}

/**
 * Each of a flag's variations serves a value of its own, as LaunchDarkly requires: two equal values
 * make targeting by variation ambiguous in reports and in the dashboard. A repeat is named at its
 * own index.
 *
 * @example
 * ```ts
 * checkVariationValues(['a', 'b', 'a']);
 * // → [{ field: 'variations[2].value', message: 'repeats variation 0's value; each variation serves a value of its own' }]
 * ```
 */
export function checkVariationValues(values: readonly unknown[]): ValidationIssue[] {
  return repeatedValues(values).map(({ index, first }) => ({
    field: `variations[${index}].value`,
    message: `repeats variation ${first}'s value; each variation serves a value of its own`,
  }));
}

/** Issues at paths relative to `field`, named as every error names a field. */
const under = (field: string, issues: readonly PathIssue[]): ValidationIssue[] =>
  issues.map((issue) => ({ field: joinField(field, fieldPath(issue.path)), message: issue.message }));

/**
 * Checks one environment's targeting of flag `flagKey`, which has `variationCount` variations,
 * against every authoring rule, including references to the environment's other flags and segments.
 * Fields are named under `field`.
 *
 * @example
 * ```ts
 * checkFlagConfig('banner', 2, targeting, index, 'environments.production');
 * // → [{ field: 'environments.production.rules[0].clauses[0].values[0]', message: 'unknown segment "beta"' }]
 * ```
 */
export function checkFlagConfig(
  flagKey: string,
  variationCount: number,
  targeting: FlagTargeting,
  index: EnvironmentIndex,
  field: string,
): ValidationIssue[] {
  const rules = targeting.rules ?? [];
  const segments = new Set(index.segments.keys());
  return under(field, [
    ...variationIndexIssues(targeting, variationCount),
    ...targetKeyIssues(targeting),
    ...ruleIdIssues(rules, ['rules']),
    ...rules.flatMap((rule, i) => [
      ...rule.clauses.flatMap((clause, j) => prefixed(['rules', i, 'clauses', j], clauseIssues(clause))),
      ...segmentReferenceIssues(rule.clauses, segments, ['rules', i, 'clauses']),
      ...servedIssues(rule, ['rules', i]),
    ]),
    ...servedIssues(targeting.fallthrough, ['fallthrough']),
    ...prerequisiteIssues(flagKey, targeting, index),
  ]);
}

/**
 * Checks a segment's rules against every authoring rule; `segmentMatch` may refer to other segments
 * of the environment, never in a cycle. Fields are named under `field` (none by default).
 *
 * @example
 * ```ts
 * checkSegment({ key: 'beta', rules: [] }, index); // → []
 * ```
 */
export function checkSegment(
  segment: AuthoredSegment,
  index: EnvironmentIndex,
  field = '',
): ValidationIssue[] {
  const rules = segment.rules ?? [];
  const segments = new Set([...index.segments.keys(), segment.key]);
  const issues = [
    ...ruleIdIssues(rules, ['rules']),
    ...rules.flatMap((rule, i) => [
      ...rule.clauses.flatMap((clause, j) => prefixed(['rules', i, 'clauses', j], clauseIssues(clause))),
      ...segmentReferenceIssues(rule.clauses, segments, ['rules', i, 'clauses']),
      ...prefixed(['rules', i], segmentRuleIssues(rule)),
    ]),
  ];
  if (issues.length > 0) return under(field, issues);
  const edges = (key: string) =>
    key === segment.key ? segmentReferences(segment) : (index.segments.get(key) ?? []);
  const cycle = findCycle(segment.key, edges);
  return cycle ? under(field, [{ path: ['rules'], message: `segment cycle: ${cycle.join(' → ')}` }]) : [];
}

/**
 * The segment keys a segment's rules (or a flag's) refer to, which an {@link EnvironmentIndex}
 * records as its edges.
 *
 * @example
 * ```ts
 * segmentReferences({ rules: [{ clauses: [{ attribute: '', op: 'segmentMatch', values: ['beta'] }] }] }); // → ['beta']
 * ```
 */
export function segmentReferences(segment: {
  readonly rules?:
    | readonly { readonly clauses: readonly Pick<AuthoredClause, 'op' | 'values'>[] }[]
    | undefined;
}): string[] {
  return (segment.rules ?? []).flatMap((r) =>
    r.clauses
      .filter((c) => c.op === 'segmentMatch')
      .flatMap((c) => c.values.filter((v): v is string => typeof v === 'string')),
  );
}
