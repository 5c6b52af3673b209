import fc from 'fast-check';
import { operators } from '../src/schema/index.js';

/**
 * fast-check arbitraries for LaunchDarkly-model flags, segments and contexts, used by the
 * differential test against the reference SDK.
 *
 * Values are drawn from small shared pools (keys, attribute names, strings that are also versions
 * and dates, ...) so that generated clauses, targets and contexts actually meet: with free-form
 * strings almost nothing would match and the property would only ever exercise the fallthrough.
 *
 * The generators steer away from the inputs where Switchboard deliberately differs from the
 * JavaScript SDK (docs/evaluation.md, "Where Switchboard differs"); each such choice is marked
 * `STEER:` below, and the differences themselves are asserted in differential.test.ts.
 */

export const KINDS = ['user', 'org', 'device'] as const;
export type Kind = (typeof KINDS)[number];

/** Context keys: a small pool so targets and segment lists hit, plus the odd arbitrary string. */
const KEY_POOL = ['k1', 'k2', 'k3', 'ü-ß', 'a.b:c%d'];
export const contextKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...KEY_POOL) },
  // Unicode (including lone surrogates) goes through the UTF-8 path of the hash.
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 10, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 70 }) }, // beyond one SHA-1 block
);

const SEMVERS = [
  '1.0.0',
  '1.2.3',
  '1.2',
  '2',
  '2.0.0-rc.1',
  '2.0.0-rc.2',
  '2.0.0',
  '1.2.3+build.5',
  '1.2.3-alpha+x',
  'v1.2.3',
  '01.2.3',
  '1.2.3.4',
];
/** Dates as RFC 3339 strings (several zones, fractions) and as epoch milliseconds; some not dates. */
const DATES = [
  '2020-01-01T00:00:00Z',
  '2020-01-01T01:00:00+01:00',
  '2020-06-15T12:30:00.500Z',
  '2021-01-01T00:00:00-05:00',
  '2020-01-01',
  'not a date',
  1577836800000,
  1592224200500,
  1609477200000,
  0,
];
const STRINGS = [
  'alpha',
  'beta',
  'alphabet',
  'NZ',
  'US',
  '',
  'a/b',
  '~0',
  'ü',
  'alpha@example.com',
  'bob@corp.io',
];
/** Prefixes, suffixes and infixes of the strings above, for startsWith/endsWith/contains. */
const FRAGMENTS = ['a', 'al', 'pha', 'bet', '@example.com', 'corp', '.io', 'b', '', 'ü', 'N'];
const REGEXES = ['^al', 'example\\.com$', '[0-9]', 'ü', '(', 'b.t', '^$', 'a{2}'];
/** Few, so that context values and clause operands are often equal (the edge of every comparison). */
const NUMBERS = [0, 1, 18, 21, -1, 1.5];

type Pool = readonly unknown[];

/** A primitive drawn from every pool, dates and versions included (as strings and numbers). */
export const primitive: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...STRINGS, ...SEMVERS),
  fc.constantFrom(...NUMBERS, ...DATES, 99.99, 1e21, 2 ** 53),
  fc.boolean(),
  fc.integer({ min: -5, max: 100 }),
);

/** Any attribute value: primitives, null, arrays (with nulls inside) and objects. */
export const attributeValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: primitive },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(fc.oneof(primitive, fc.constant(null)), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('city', 'zip', 'x'), primitive, { maxKeys: 2 }) },
);

/** A value for an attribute that usually holds values of `pool`: mostly one of them, sometimes a list of them, sometimes anything. */
function poolValue(pool: Pool): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...pool), { maxLength: 3 }) },
    { weight: 3, arbitrary: attributeValue },
  );
}

/** Every operator but `segmentMatch`, which the generators build from the segments they make. */
export const OPERATORS = operators.filter((op) => op !== 'segmentMatch');
const STRING_OPS = ['in', 'endsWith', 'startsWith', 'matches', 'contains'];
const NUMBER_OPS = ['in', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual'];
const DATE_OPS = ['before', 'after', 'in'];
const SEMVER_OPS = ['semVerEqual', 'semVerLessThan', 'semVerGreaterThan', 'in'];

/**
 * The attributes that clauses test and contexts carry. `path` is the reference used when the clause
 * has a `contextKind` (parsed as a path), `literal` when it has none (one literal name; `undefined`
 * where the value is nested and cannot be named literally).
 * STEER: no path component starts with `~` (the SDK does not unescape those: quirk 3), no `a~` or
 * `a//b` style literals with a kind, no `~|` escapes (the SDK's validation regex differs), no
 * `_meta`, no trailing `/`.
 */
interface Attribute {
  readonly path: string;
  readonly literal: string | undefined;
  readonly pool: Pool;
  readonly ops: readonly string[];
}
const ATTRIBUTES: readonly Attribute[] = [
  { path: 'name', literal: 'name', pool: STRINGS, ops: STRING_OPS },
  { path: '/email', literal: 'email', pool: STRINGS, ops: STRING_OPS },
  { path: '/age', literal: 'age', pool: NUMBERS, ops: NUMBER_OPS },
  { path: 'version', literal: 'version', pool: SEMVERS, ops: SEMVER_OPS },
  { path: '/created', literal: 'created', pool: DATES, ops: DATE_OPS },
  { path: '/tags', literal: 'tags', pool: STRINGS, ops: STRING_OPS },
  { path: '/a~1b', literal: 'a/b', pool: STRINGS, ops: STRING_OPS },
  { path: '/a~0b', literal: 'a~b', pool: NUMBERS, ops: NUMBER_OPS },
  { path: '/address/city', literal: undefined, pool: STRINGS, ops: STRING_OPS },
  { path: '/address/x~1y', literal: undefined, pool: SEMVERS, ops: SEMVER_OPS },
  { path: '/address/geo/lat', literal: undefined, pool: NUMBERS, ops: NUMBER_OPS },
  { path: '/address/geo/when', literal: undefined, pool: DATES, ops: DATE_OPS },
  { path: 'anonymous', literal: 'anonymous', pool: [true, false], ops: ['in'] },
  { path: '/key', literal: 'key', pool: KEY_POOL, ops: STRING_OPS },
  { path: 'kind', literal: 'kind', pool: KINDS, ops: ['in', 'startsWith'] },
  { path: '/missing/deeper', literal: 'missing', pool: STRINGS, ops: STRING_OPS },
];
const pools = (pathPrefix: string) =>
  Object.fromEntries(
    ATTRIBUTES.filter((a) => a.path.startsWith(pathPrefix) && a.literal !== undefined).map((a) => [
      a.literal as string,
      poolValue(a.pool),
    ]),
  );

const address = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        city: poolValue(STRINGS),
        zip: fc.oneof(primitive, fc.constant(null)),
        'x/y': poolValue(SEMVERS),
        geo: fc.record({ lat: poolValue(NUMBERS), when: poolValue(DATES) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: attributeValue },
);

/**
 * Attributes of one context of any kind.
 * STEER: `anonymous` is a boolean or `null` (the SDK coerces any other value with `!!`).
 */
const attributes = fc.record(
  {
    ...pools(''),
    address,
    anonymous: fc.oneof(fc.boolean(), fc.constant(null)),
  },
  { requiredKeys: [] },
);

export const singleContext = (kind: fc.Arbitrary<string>) =>
  fc
    .tuple(kind, contextKey, attributes)
    .map(([k, key, attrs]) => ({ ...withoutIdentity(attrs), kind: k, key }) as Record<string, unknown>);

function withoutIdentity(attrs: Record<string, unknown>): Record<string, unknown> {
  const { key: _key, kind: _kind, missing: _missing, ...rest } = attrs;
  return rest;
}

export const multiContext: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 3 })
  .chain((kinds) =>
    fc
      .tuple(
        ...kinds.map(() =>
          fc.tuple(contextKey, attributes).map(([key, a]) => ({ ...withoutIdentity(a), key })),
        ),
      )
      .map((parts) => ({ kind: 'multi', ...Object.fromEntries(kinds.map((kind, i) => [kind, parts[i]])) })),
  );

/**
 * A legacy user (no `kind`): built-ins at the top level, the rest under `custom`, and an unknown
 * top-level field that must be ignored.
 * STEER: keys are non-empty strings (the SDK also accepts `""` and numbers).
 */
export const legacyUser: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    contextKey,
    fc.record(
      {
        name: poolValue(STRINGS),
        email: poolValue(STRINGS),
        country: primitive,
        anonymous: fc.boolean(),
        age: primitive,
      },
      { requiredKeys: [] },
    ),
    fc.option(attributes, { nil: undefined }),
  )
  .map(([key, builtIns, custom]) => ({
    key,
    ...builtIns,
    ...(custom === undefined ? {} : { custom: withoutIdentity(custom) }),
  }));

/** Contexts both sides must reject (USER_NOT_SPECIFIED). */
const invalidContext: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  { kind: 'multi' },
  { kind: 'bad kind!', key: 'k1' },
  { kind: 'kind', key: 'k1' },
  { kind: 'user', key: '' },
  { kind: 'user', key: 7 },
  { kind: 'user' },
  { kind: 'multi', user: { name: 'no key' } },
  { kind: 'multi', org: 'not an object' },
);

export const context: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 8, arbitrary: singleContext(fc.constantFrom(...KINDS)) },
  { weight: 8, arbitrary: multiContext },
  { weight: 2, arbitrary: legacyUser },
  { weight: 1, arbitrary: invalidContext },
);

/** Invalid references (→ MALFORMED_FLAG in both). */
const INVALID_REFERENCES = ['/', '//', '/a//b', '/a~2'];

/** The natural operands of an operator, for clauses whose operator does not suit the attribute. */
function operandPool(op: string): Pool {
  switch (op) {
    case 'in':
      return [...STRINGS, ...NUMBERS, ...KINDS, null, true, ['alpha'], {}];
    case 'endsWith':
    case 'startsWith':
    case 'contains':
      return FRAGMENTS;
    case 'matches':
      return REGEXES;
    case 'before':
    case 'after':
      return DATES;
    case 'semVerEqual':
    case 'semVerLessThan':
    case 'semVerGreaterThan':
      return SEMVERS;
    default:
      return NUMBERS;
  }
}

export interface Clause {
  contextKind?: string;
  attribute?: string;
  op: string;
  values: unknown[];
  negate?: boolean;
}

const kindOption = fc.option(fc.constantFrom(...KINDS), { nil: undefined, freq: 3 });

/**
 * A clause on a context attribute (not `segmentMatch`): mostly (3 in 4) an operator that suits the
 * attribute with operands from the attribute's own pool (so equal and ordered values meet), else
 * any operator.
 */
export const attributeClause: fc.Arbitrary<Clause> = fc
  .tuple(kindOption, fc.constantFrom(...ATTRIBUTES), fc.boolean(), fc.nat(), fc.nat(3))
  .map(([kind, attribute, negate, pick, roll]) => [kind, attribute, negate, pick, roll < 3] as const)
  .chain(([contextKind, attribute, negate, pick, suited]) => {
    const all = [...OPERATORS, 'unknownOp'];
    const op = suited
      ? (attribute.ops[pick % attribute.ops.length] as string)
      : (all[pick % all.length] as string);
    const operand = fc.oneof(
      { weight: suited ? 4 : 1, arbitrary: fc.constantFrom(...attribute.pool) },
      { weight: suited ? 1 : 2, arbitrary: fc.constantFrom(...operandPool(op)) },
      { weight: 1, arbitrary: primitive },
    );
    const reference = contextKind === undefined ? (attribute.literal ?? 'address') : attribute.path;
    return fc.array(operand, { maxLength: 3 }).map((values) => ({
      ...(contextKind === undefined ? {} : { contextKind }),
      attribute: reference,
      op,
      values,
      ...(negate ? { negate } : {}),
    }));
  });

/** A clause with an invalid attribute reference. */
const invalidClause: fc.Arbitrary<Clause> = fc
  .tuple(fc.constantFrom(...KINDS), fc.constantFrom(...INVALID_REFERENCES))
  .map(([contextKind, attribute]) => ({ contextKind, attribute, op: 'in', values: ['x'] }));

export const segmentMatchClause = (segmentKeys: readonly string[]): fc.Arbitrary<Clause> =>
  fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...segmentKeys, 'no-such-segment'), { minLength: 1, maxLength: 2 }),
      fc.boolean(),
    )
    .map(([values, negate]) => ({ op: 'segmentMatch', values, ...(negate ? { negate } : {}) }));

/**
 * A rule's clauses: attribute clauses, then possibly one clause that can err — an invalid reference,
 * or a `segmentMatch` (a segment can err through its own rules or a cycle).
 * STEER (quirk 1): a clause that can err is only ever the last one, so no later clause of the same
 * rule can overwrite its error in the SDK.
 */
export function clauses(segmentKeys: readonly string[], max = 2): fc.Arbitrary<Clause[]> {
  const last: fc.Arbitrary<Clause | undefined> =
    segmentKeys.length === 0
      ? fc.option(invalidClause, { nil: undefined, freq: 25 })
      : fc.oneof(
          { weight: 30, arbitrary: fc.constant(undefined) },
          { weight: 12, arbitrary: segmentMatchClause(segmentKeys) },
          { weight: 1, arbitrary: invalidClause },
        );
  return fc
    .tuple(fc.array(attributeClause, { minLength: 0, maxLength: max }), last)
    .map(([list, risky]) => (risky === undefined ? list : [...list, risky]));
}

/** Weights in units of 1/100000 that sum to exactly 100000. */
function fullWeights(count: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.integer({ min: 0, max: 100_000 }), { minLength: count - 1, maxLength: count - 1 })
    .map((cuts) => {
      const sorted = [0, ...cuts.sort((a, b) => a - b), 100_000];
      return sorted.slice(1).map((cut, i) => cut - (sorted[i] as number));
    });
}

const BUCKET_BY = [
  'key',
  'name',
  'age',
  'email',
  'tags',
  '/address/city',
  '/address/zip',
  '/address/geo/lat',
  'kind',
];

/**
 * A rollout or experiment over `variationCount` variations.
 * STEER: seeds are never 0 (quirk 2). Experiments' weights always sum to 100000, because the SDK
 * sets `inExperiment` on the weights-ran-out fallback even for a context without the rollout's kind.
 */
export function rollout(variationCount: number): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.constantFrom('rollout', 'experiment', 'experiment', undefined),
      kindOption,
      fc.option(fc.constantFrom(...BUCKET_BY), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
    )
    .chain(([kind, contextKind, bucketBy, seed, count, short]) =>
      fc
        .tuple(
          fullWeights(count),
          fc.array(fc.integer({ min: 0, max: variationCount - 1 }), { minLength: count, maxLength: count }),
          fc.array(fc.boolean(), { minLength: count, maxLength: count }),
        )
        .map(([weights, indexes, untracked]) => {
          // A non-experiment may have weights that stop short of 100000 (the last variation then serves).
          const shortBy = short && kind !== 'experiment' ? 50_000 : 0;
          return {
            ...(kind === undefined ? {} : { kind }),
            ...(contextKind === undefined ? {} : { contextKind }),
            ...(bucketBy === undefined || (contextKind === undefined && bucketBy.startsWith('/'))
              ? {}
              : { bucketBy }),
            ...(seed === undefined ? {} : { seed }),
            variations: weights.map((weight, i) => ({
              variation: indexes[i],
              weight: i === 0 ? Math.max(0, weight - shortBy) : weight,
              ...(kind === 'experiment' && untracked[i] ? { untracked: true } : {}),
            })),
          };
        }),
    );
}

export function variationOrRollout(variationCount: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.integer({ min: 0, max: variationCount - 1 }).map((variation) => ({ variation })),
    rollout(variationCount).map((r) => ({ rollout: r })),
  );
}

const keyList = fc.uniqueArray(fc.constantFrom(...KEY_POOL), { maxLength: 3 });

/**
 * Segments `s0..s{n-1}`; segment `i` may refer to any segment with `segmentMatch` (nested segments,
 * cycles included; both sides detect them). STEER: never `unbounded` (no big-segment store here).
 */
export function segments(prefix: string, count: number): fc.Arbitrary<Record<string, unknown>[]> {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}s${i}`);
  const rule = fc
    .tuple(
      clauses(keys.slice(1), 2),
      fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
      fc.option(fc.constantFrom(...BUCKET_BY), { nil: undefined }),
      kindOption,
    )
    .map(([cs, weight, bucketBy, rolloutContextKind]) => ({
      clauses: cs,
      ...(weight === undefined ? {} : { weight }),
      ...(bucketBy === undefined || (rolloutContextKind === undefined && bucketBy.startsWith('/'))
        ? {}
        : { bucketBy }),
      ...(rolloutContextKind === undefined ? {} : { rolloutContextKind }),
    }));
  const targets = fc.array(fc.record({ contextKind: fc.constantFrom(...KINDS), values: keyList }), {
    maxLength: 2,
  });
  return fc.tuple(
    ...keys.map((key) =>
      fc
        .record({
          salt: fc.constantFrom('salt', 'x', ''),
          included: keyList,
          excluded: keyList,
          includedContexts: targets,
          excludedContexts: targets,
          rules: fc.array(rule, { maxLength: 3 }),
        })
        .map((s) => ({ key, version: 1, ...s, rules: s.rules.map((r, i) => ({ id: `sr${i}`, ...r })) })),
    ),
  );
}

const VARIATION_VALUES = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.constant(null),
  fc.constant({ a: null, b: [1, 'x'] }),
);

/**
 * Flags `f0..f{n-1}`; flag `i` may have prerequisites on later flags (so chains) or a missing one.
 * STEER: no prerequisite cycles. The SDK notes a cycle and then carries on with the next
 * prerequisite, whose failure replaces the error (see differential.test.ts).
 * STEER: `variations` is always a list (quirk 4); contextTargets `user` entries have empty values
 * (the SDK ignores their values); every rule has a `clauses` list; variation indexes are integers.
 */
export function flags(
  prefix: string,
  count: number,
  segmentKeys: readonly string[],
): fc.Arbitrary<Record<string, unknown>[]> {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}f${i}`);
  const flag = (index: number) =>
    fc.integer({ min: 1, max: 4 }).chain((n) =>
      fc
        .record({
          on: fc.oneof(
            { weight: 6, arbitrary: fc.constant(true) },
            { weight: 1, arbitrary: fc.constant(false) },
          ),
          salt: fc.constantFrom('salt', 'abc', ''),
          variations: fc.array(VARIATION_VALUES, { minLength: n, maxLength: n }),
          offVariation: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined }),
          prerequisites: fc.array(
            fc.record({
              key: fc.oneof(
                { weight: 6, arbitrary: fc.constantFrom(...keys.slice(index + 1), 'no-such-flag') },
                { weight: 1, arbitrary: fc.constant('no-such-flag') },
              ),
              variation: fc.integer({ min: 0, max: 2 }),
            }),
            { maxLength: index < count - 1 ? 2 : 0 },
          ),
          targets: fc.array(fc.record({ values: keyList, variation: fc.integer({ min: 0, max: n - 1 }) }), {
            maxLength: 2,
          }),
          contextTargets: fc.array(
            fc.oneof(
              fc.record({
                contextKind: fc.constantFrom('org', 'device'),
                values: keyList,
                variation: fc.integer({ min: 0, max: n - 1 }),
              }),
              fc.record({
                contextKind: fc.constant('user'),
                values: fc.constant([]),
                variation: fc.integer({ min: 0, max: n - 1 }),
              }),
            ),
            { maxLength: 3 },
          ),
          rules: fc.array(
            fc
              .tuple(clauses(segmentKeys), variationOrRollout(n), fc.boolean())
              .map(([cs, vr, trackEvents]) => ({ clauses: cs, ...vr, trackEvents })),
            { maxLength: 4 },
          ),
          fallthrough: variationOrRollout(n),
        })
        .map((f) => ({
          key: keys[index],
          version: 1,
          ...f,
          rules: f.rules.map((r, i) => ({ id: `r${i}`, ...r })),
          clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
        })),
    );
  return fc.tuple(...keys.map((_, i) => flag(i)));
}

/** A world: segments, flags that use them, and contexts to evaluate every flag for. */
export function world(prefix: string, flagCount = 3, segmentCount = 3) {
  return segments(prefix, segmentCount).chain((segs) =>
    fc.record({
      segments: fc.constant(segs),
      flags: flags(
        prefix,
        flagCount,
        segs.map((s) => s.key as string),
      ),
      contexts: fc.array(context, { minLength: 1, maxLength: 4 }),
    }),
  );
}
