import { describe, expect, it } from 'vitest';
import { byKey, flag, flagWithClauses, segment, user } from '../testing/factories.js';
import { createEvaluator, type Hasher } from './index.js';

const MALFORMED = { kind: 'ERROR', errorKind: 'MALFORMED_FLAG' };

describe('evaluate', () => {
  it('answers FLAG_NOT_FOUND before looking at the context', () => {
    expect(createEvaluator().evaluate('missing', undefined, 'd')).toEqual({
      value: 'd',
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' },
    });
  });

  it.each([undefined, null, 'key', { kind: 'user' }, { kind: 'multi' }])(
    'answers USER_NOT_SPECIFIED for %j',
    (context) => {
      const evaluator = createEvaluator({ flags: { flag: flag() } });
      expect(evaluator.evaluate('flag', context, 'd').reason).toEqual({
        kind: 'ERROR',
        errorKind: 'USER_NOT_SPECIFIED',
      });
    },
  );

  it('serves the off variation, or the default with reason OFF when there is none', () => {
    const evaluator = createEvaluator({
      flags: { a: flag({ key: 'a', on: false }), b: flag({ key: 'b', on: false, offVariation: undefined }) },
    });
    expect(evaluator.evaluate('a', user(), 'd')).toEqual({
      value: false,
      variationIndex: 1,
      reason: { kind: 'OFF' },
    });
    expect(evaluator.evaluate('b', user(), 'd')).toEqual({
      value: 'd',
      variationIndex: null,
      reason: { kind: 'OFF' },
    });
  });

  it.each([
    ['boolean', true],
    ['string', 'x'],
  ] as const)('answers WRONG_TYPE to a %s call for a number variation', (type, defaultValue) => {
    const evaluator = createEvaluator({ flags: { flag: flag({ variations: [1, 2] }) } });
    expect(evaluator.evaluate('flag', user(), defaultValue, { type })).toEqual({
      value: defaultValue,
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' },
    });
    expect(evaluator.evaluate('flag', user(), 0, { type: 'number' })).toMatchObject({
      value: 2,
      variationIndex: 1,
    });
  });

  it('lets a json typed call take any value', () => {
    const evaluator = createEvaluator({ flags: { flag: flag({ variations: [null, { a: 1 }] }) } });
    expect(evaluator.evaluate('flag', user(), null, { type: 'json' }).value).toEqual({ a: 1 });
  });

  it('never throws: a failing hasher gives EXCEPTION and the next call works', () => {
    const hasher: Hasher = () => {
      throw new Error('boom');
    };
    const rollout = { variations: [{ variation: 0, weight: 100_000 }] };
    const evaluator = createEvaluator(
      { flags: { r: flag({ key: 'r', fallthrough: { rollout } }), f: flag({ key: 'f' }) } },
      { hasher },
    );
    expect(evaluator.evaluate('r', user(), 'd').reason).toEqual({ kind: 'ERROR', errorKind: 'EXCEPTION' });
    expect(evaluator.evaluate('f', user(), 'd').value).toBe(false);
  });

  it.each([
    ['rules is not a list', { rules: 'nope' }],
    ['variations is not a list', { variations: {} }],
    ['a prerequisite has no key', { prerequisites: [{ variation: 0 }] }],
    ['no fallthrough', { fallthrough: undefined }],
    ['a fallthrough with neither variation nor rollout', { fallthrough: {} }],
    ['a fractional variation index', { fallthrough: { variation: 0.5 } }],
    [
      'a rollout with a bad bucketBy',
      {
        fallthrough: {
          rollout: { contextKind: 'user', bucketBy: '//', variations: [{ variation: 0, weight: 1 }] },
        },
      },
    ],
    ['a non-numeric weight', { fallthrough: { rollout: { variations: [{ variation: 0, weight: '1' }] } } }],
    [
      'a clause whose values are not a list',
      { rules: [{ id: 'r', variation: 0, clauses: [{ attribute: 'key', op: 'in', values: 'u' }] }] },
    ],
    ['an off variation that is a string', { on: false, offVariation: '1' }],
  ])('answers MALFORMED_FLAG when %s', (_name, overrides) => {
    const evaluator = createEvaluator({ flags: { flag: flag(overrides) } });
    expect(evaluator.evaluate('flag', user(), 'd')).toEqual({
      value: 'd',
      variationIndex: null,
      reason: MALFORMED,
    });
  });

  it('returns shared frozen results for repeated evaluations', () => {
    const evaluator = createEvaluator({ flags: { flag: flag() } });
    const first = evaluator.evaluate('flag', user(), null);
    expect(evaluator.evaluate('flag', user('other'), null)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('targets', () => {
  const f = flag({
    variations: ['off', 'fall', 'a', 'b'],
    fallthrough: { variation: 1 },
    targets: [{ values: ['u1'], variation: 2 }],
    contextTargets: [
      { contextKind: 'org', values: ['o1'], variation: 3 },
      { contextKind: 'user', values: [], variation: 2 },
    ],
  });
  const evaluator = createEvaluator({ flags: { flag: f } });

  it.each([
    ['a user target through its contextTargets placeholder', user('u1'), 2],
    ['an org target', { kind: 'org', key: 'o1' }, 3],
    [
      'the earlier entry for a multi-kind context matching both',
      { kind: 'multi', user: { key: 'u1' }, org: { key: 'o1' } },
      3,
    ],
    ['nothing', user('u9'), 1],
  ])('matches %s', (_name, context, variationIndex) => {
    expect(evaluator.evaluate('flag', context, null).variationIndex).toBe(variationIndex);
  });
});

describe.each([
  ['a few keys (scanned)', 3],
  ['many keys (hashed)', 40],
])('targets with %s per kind', (_name, count) => {
  const keys = (prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const f = flag({
    variations: ['off', 'fall', 'first', 'second'],
    fallthrough: { variation: 1 },
    contextTargets: [
      { contextKind: 'org', values: keys('o'), variation: 2 },
      { contextKind: 'user', values: [...keys('u'), 'o0'], variation: 3 },
      { contextKind: 'org', values: ['o0', 'late'], variation: 3 },
    ],
  });
  const evaluator = createEvaluator({ flags: { flag: f } });

  it.each([
    ['the last key of the first entry', { kind: 'org', key: `o${count - 1}` }, 2],
    ['a key listed twice, by its first entry', { kind: 'org', key: 'o0' }, 2],
    ['a key only in a later entry', { kind: 'org', key: 'late' }, 3],
    ['a key of another kind', { kind: 'user', key: 'o0' }, 3],
    ['a key that is a prefix of listed ones', { kind: 'org', key: 'o' }, 1],
    ['no key', { kind: 'user', key: 'nobody' }, 1],
  ])('matches %s', (_label, context, variationIndex) => {
    expect(evaluator.evaluate('flag', context, null).variationIndex).toBe(variationIndex);
  });
});

describe('clauses', () => {
  it.each([
    [
      'a missing attribute, even negated',
      { attribute: 'plan', op: 'in', values: ['x'], negate: true },
      user(),
      false,
    ],
    [
      'a null attribute, even negated',
      { attribute: 'plan', op: 'in', values: ['x'], negate: true },
      user('k', { plan: null }),
      false,
    ],
    [
      'an unknown operator, negated',
      { attribute: 'key', op: 'fuzzy', values: ['x'], negate: true },
      user(),
      true,
    ],
    [
      'any element of an array attribute',
      { attribute: 'tags', op: 'in', values: ['b'] },
      user('k', { tags: ['a', 'b'] }),
      true,
    ],
    [
      'a kind the context lacks',
      { contextKind: 'org', attribute: 'key', op: 'in', values: ['k'] },
      user('k'),
      false,
    ],
    [
      'kind against a multi-kind context',
      { attribute: 'kind', op: 'in', values: ['org'] },
      { kind: 'multi', user: { key: 'u' }, org: { key: 'o' } },
      true,
    ],
    [
      'a nested path',
      { contextKind: 'org', attribute: '/address/city', op: 'in', values: ['Nelson'] },
      { kind: 'org', key: 'o', address: { city: 'Nelson' } },
      true,
    ],
    ['anonymous defaulting to false', { attribute: 'anonymous', op: 'in', values: [false] }, user(), true],
    [
      'legacy custom attributes',
      { attribute: 'plan', op: 'in', values: ['pro'] },
      { key: 'k', custom: { plan: 'pro' } },
      true,
    ],
  ])('%s', (_name, clause, context, matches) => {
    const evaluator = createEvaluator({ flags: { flag: flagWithClauses(clause) } });
    expect(evaluator.evaluate('flag', context, null).value).toBe(matches);
  });

  it('matches every context with an empty clause list', () => {
    const evaluator = createEvaluator({ flags: { flag: flagWithClauses() } });
    expect(evaluator.evaluate('flag', user(), null).reason).toEqual({
      kind: 'RULE_MATCH',
      ruleIndex: 0,
      ruleId: 'rule',
    });
  });
});

describe('prerequisites', () => {
  const prereq = (key: string, overrides: Record<string, unknown> = {}) =>
    flag({ key, fallthrough: { variation: 0 }, ...overrides });

  it('serves the off variation with PREREQUISITE_FAILED when a prerequisite is off', () => {
    const evaluator = createEvaluator({
      flags: {
        p: prereq('p', { on: false, offVariation: 0 }),
        f: flag({ key: 'f', prerequisites: [{ key: 'p', variation: 0 }] }),
      },
    });
    expect(evaluator.evaluate('f', user(), null)).toEqual({
      value: false,
      variationIndex: 1,
      reason: { kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'p' },
    });
  });

  it('passes an error inside a prerequisite on', () => {
    const evaluator = createEvaluator({
      flags: {
        p: prereq('p', { fallthrough: {} }),
        f: flag({ key: 'f', prerequisites: [{ key: 'p', variation: 0 }] }),
      },
    });
    expect(evaluator.evaluate('f', user(), null).reason).toEqual(MALFORMED);
  });

  it('detects a flag that is its own prerequisite', () => {
    const evaluator = createEvaluator({
      flags: { f: flag({ key: 'f', prerequisites: [{ key: 'f', variation: 0 }] }) },
    });
    expect(evaluator.evaluate('f', user(), null).reason).toEqual(MALFORMED);
  });
});

describe('segments', () => {
  const usingSegment = flagWithClauses({ attribute: '', op: 'segmentMatch', values: ['segment'] });
  const evaluate = (s: Record<string, unknown>, context: unknown) =>
    createEvaluator({ flags: { flag: usingSegment }, segments: { segment: s } }).evaluate(
      'flag',
      context,
      null,
    ).value;

  it.each([
    ['included user keys', segment({ included: ['u'] }), user('u'), true],
    [
      'excluded user keys over rules',
      segment({ excluded: ['u'], rules: [{ clauses: [] }] }),
      user('u'),
      false,
    ],
    [
      'includedContexts of another kind',
      segment({ includedContexts: [{ contextKind: 'org', values: ['o'] }] }),
      { kind: 'org', key: 'o' },
      true,
    ],
    [
      'a rule',
      segment({ rules: [{ clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }] }] }),
      user('u', { plan: 'pro' }),
      true,
    ],
    ['a weight of 0', segment({ rules: [{ clauses: [], weight: 0 }] }), user('u'), false],
    ['a weight of 100000', segment({ rules: [{ clauses: [], weight: 100_000 }] }), user('u'), true],
    [
      'an unbounded segment without a big-segment store',
      segment({ unbounded: true, included: ['u'] }),
      user('u'),
      false,
    ],
  ])('honours %s', (_name, s, context, expected) => {
    expect(evaluate(s, context)).toBe(expected);
  });

  it('detects a segment that refers to itself', () => {
    const s = segment({ rules: [{ clauses: [{ attribute: '', op: 'segmentMatch', values: ['segment'] }] }] });
    const evaluator = createEvaluator({ flags: { flag: usingSegment }, segments: { segment: s } });
    expect(evaluator.evaluate('flag', user(), null).reason).toEqual(MALFORMED);
  });
});

describe('evaluateAll', () => {
  // Built from entries: a `__proto__` key in an object literal would set the prototype instead.
  const flags = [
    flag({ key: 'server', version: 4 }),
    flag({ key: 'client', clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false } }),
    flag({ key: 'legacy', clientSide: true }),
    flag({ key: 'broken', fallthrough: {} }),
    flag({ key: '__proto__' }),
  ];
  const evaluator = createEvaluator({ flags: byKey(flags) });

  it('evaluates every flag, with versions and without reasons by default', () => {
    const all = evaluator.evaluateAll(user());
    expect(Object.keys(all).sort()).toEqual(['__proto__', 'broken', 'client', 'legacy', 'server']);
    expect(all.server).toEqual({ value: false, variationIndex: 1, version: 4 });
    expect(all.broken).toEqual({ value: null, variationIndex: null, version: 1 });
  });

  it('keeps only client-side flags and adds reasons on request', () => {
    const all = evaluator.evaluateAll(user(), { clientSideOnly: true, withReasons: true });
    expect(Object.keys(all).sort()).toEqual(['client', 'legacy']);
    expect(all.client?.reason).toEqual({ kind: 'FALLTHROUGH' });
  });

  it('answers nothing for an invalid context', () => {
    expect(evaluator.evaluateAll({ kind: 'user' })).toEqual({});
  });

  it('follows flags added, changed and deleted between calls', () => {
    const changing = createEvaluator({ flags: { a: flag({ key: 'a' }), b: flag({ key: 'b' }) } });
    expect(Object.keys(changing.evaluateAll(user()))).toEqual(['a', 'b']);
    changing.upsert('flag', flag({ key: 'c', clientSide: true }));
    changing.upsert('flag', flag({ key: 'a', version: 2, fallthrough: { variation: 0 } }));
    changing.remove('flag', 'b', 2);
    expect(changing.evaluateAll(user())).toEqual({
      a: { value: true, variationIndex: 0, version: 2 },
      c: { value: false, variationIndex: 1, version: 1 },
    });
    expect(Object.keys(changing.evaluateAll(user(), { clientSideOnly: true }))).toEqual(['c']);
    changing.upsert('flag', flag({ key: 'd', clientSide: true }));
    expect(Object.keys(changing.evaluateAll(user(), { clientSideOnly: true }))).toEqual(['c', 'd']);
  });

  it('returns a fresh record each call, with an ordinary prototype', () => {
    const first = evaluator.evaluateAll(user());
    const second = evaluator.evaluateAll(user());
    expect(first).not.toBe(second);
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.hasOwn(first, '__proto__')).toBe(true);
  });

  it('agrees with evaluate for flags sharing prerequisites and segments', () => {
    const rollout = {
      seed: 7,
      variations: [
        { variation: 0, weight: 50_000 },
        { variation: 1, weight: 50_000 },
      ],
    };
    const flags = Object.fromEntries(
      ['a', 'b', 'c'].map((key) => [
        key,
        flag({
          key,
          prerequisites: key === 'a' ? [] : [{ key: 'a', variation: 1 }],
          rules: [{ id: 'r', rollout, clauses: [{ attribute: '', op: 'segmentMatch', values: ['s'] }] }],
          fallthrough: { rollout: { variations: rollout.variations } },
        }),
      ]),
    );
    const shared = createEvaluator({
      flags,
      segments: { s: segment({ key: 's', rules: [{ clauses: [], weight: 50_000 }] }) },
    });
    for (const key of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      const all = shared.evaluateAll(user(key), { withReasons: true });
      for (const flagKey of ['a', 'b', 'c']) {
        const { value, variationIndex, reason } = shared.evaluate(flagKey, user(key), null);
        expect(all[flagKey]).toMatchObject({ value, variationIndex, reason });
      }
    }
  });
});
