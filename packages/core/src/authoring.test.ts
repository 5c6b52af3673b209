import { describe, expect, it } from 'vitest';
import { parseAttributeReference } from './attribute-reference.js';
import {
  checkFlagConfig,
  checkSegment,
  checkVariationType,
  checkVariationValues,
  type EnvironmentIndex,
  type FlagTargeting,
  findCycle,
  movedServeIssues,
} from './authoring.js';
import { ValidationError } from './errors.js';
import { parseFlag } from './schema.js';

const index: EnvironmentIndex = {
  segments: new Map([
    ['beta', []],
    ['staff', ['beta']],
  ]),
  flags: new Map([
    ['parent', { variationCount: 2, prerequisites: [] }],
    ['child', { variationCount: 2, prerequisites: ['me'] }],
  ]),
};

const base: FlagTargeting = {
  offVariation: 1,
  targets: [],
  contextTargets: [],
  rules: [],
  fallthrough: { variation: 0 },
  prerequisites: [],
};

const at = 'environments.production';
const weights = (...w: number[]) => ({ variations: w.map((weight, variation) => ({ variation, weight })) });

describe('checkFlagConfig', () => {
  it('accepts a valid configuration', () => {
    expect(checkFlagConfig('me', 2, base, index, at)).toEqual([]);
  });

  it.each<[string, Partial<FlagTargeting>, string]>([
    ['off variation out of range', { offVariation: 2 }, `${at}.offVariation`],
    ['target variation out of range', { targets: [{ variation: 5 }] }, `${at}.targets[0].variation`],
    [
      'context target out of range',
      { contextTargets: [{ contextKind: 'org', variation: -1 }] },
      `${at}.contextTargets[0].variation`,
    ],
    ['fallthrough with neither variation nor rollout', { fallthrough: {} }, `${at}.fallthrough`],
    [
      'rollout weights not adding up',
      { fallthrough: { rollout: weights(60_000, 30_000) } },
      `${at}.fallthrough.rollout.variations`,
    ],
    [
      'rollout variation out of range',
      { fallthrough: { rollout: { variations: [{ variation: 3, weight: 100_000 }] } } },
      `${at}.fallthrough.rollout.variations[0].variation`,
    ],
    [
      'invalid bucketBy path',
      { fallthrough: { rollout: { ...weights(100_000), contextKind: 'user', bucketBy: '//' } } },
      `${at}.fallthrough.rollout.bucketBy`,
    ],
    [
      'duplicate rule ids',
      {
        rules: [
          { id: 'a', clauses: [], variation: 0 },
          { id: 'a', clauses: [], variation: 1 },
        ],
      },
      `${at}.rules[1].id`,
    ],
    [
      'rule with variation and rollout',
      { rules: [{ id: 'a', clauses: [], variation: 0, rollout: weights(100_000) }] },
      `${at}.rules[0]`,
    ],
    [
      'unknown segment',
      {
        rules: [
          {
            id: 'a',
            clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['beta', 'nope'] }],
            variation: 0,
          },
        ],
      },
      `${at}.rules[0].clauses[0].values[1]`,
    ],
    [
      'bad regex',
      {
        rules: [{ id: 'a', clauses: [{ attribute: 'email', op: 'matches', values: ['(('] }], variation: 0 }],
      },
      `${at}.rules[0].clauses[0].values[0]`,
    ],
    [
      'regex with a backreference, which the linear-time engine cannot run',
      {
        rules: [
          { id: 'a', clauses: [{ attribute: 'email', op: 'matches', values: ['(a)\\1'] }], variation: 0 },
        ],
      },
      `${at}.rules[0].clauses[0].values[0]`,
    ],
    ...(
      [
        ['lessThan', 1.5, 'abc'],
        ['greaterThanOrEqual', 0, '3'],
        ['before', 1_764_000_000_000, '2026-02-30T00:00:00Z'],
        ['after', '2026-11-26T01:00:00Z', 'yesterday'],
        ['semVerEqual', '1.2.3-beta.1', 'abc'],
        ['semVerGreaterThan', '2.0', 2],
      ] as const
    ).map(([op, good, bad]): [string, Partial<FlagTargeting>, string] => [
      `${op} with ${JSON.stringify(bad)}, which it can never compare`,
      { rules: [{ id: 'a', clauses: [{ attribute: 'v', op, values: [good, bad] }], variation: 0 }] },
      `${at}.rules[0].clauses[0].values[1]`,
    ]),
    [
      'unknown operator',
      { rules: [{ id: 'a', clauses: [{ attribute: 'email', op: 'sortOf', values: [] }], variation: 0 }] },
      `${at}.rules[0].clauses[0].op`,
    ],
    [
      'invalid attribute reference with a context kind',
      {
        rules: [
          {
            id: 'a',
            clauses: [{ contextKind: 'user', attribute: '/a/~2', op: 'in', values: [] }],
            variation: 0,
          },
        ],
      },
      `${at}.rules[0].clauses[0].attribute`,
    ],
    [
      'unknown prerequisite',
      { prerequisites: [{ key: 'ghost', variation: 0 }] },
      `${at}.prerequisites[0].key`,
    ],
    ['self prerequisite', { prerequisites: [{ key: 'me', variation: 0 }] }, `${at}.prerequisites[0].key`],
    [
      'prerequisite variation out of range',
      { prerequisites: [{ key: 'parent', variation: 2 }] },
      `${at}.prerequisites[0].variation`,
    ],
    [
      'duplicate prerequisite',
      {
        prerequisites: [
          { key: 'parent', variation: 0 },
          { key: 'parent', variation: 1 },
        ],
      },
      `${at}.prerequisites[1].key`,
    ],
    ['prerequisite cycle', { prerequisites: [{ key: 'child', variation: 0 }] }, `${at}.prerequisites`],
  ])('reports %s at the field', (_name, change, field) => {
    const issues = checkFlagConfig('me', 2, { ...base, ...change }, index, at);
    expect(issues.map((i) => i.field)).toContain(field);
  });

  it.each([
    ['lessThan', [1.5, -3, 0]],
    ['before', [1_764_000_000_000, '2026-11-26T01:00:00Z', '2026-11-26T01:00:00.5+02:00']],
    ['semVerLessThan', ['1.2.3', '2.0', '3.0.0-beta.1+build']],
    ['in', ['a', 1, true]],
  ])('accepts values %s can compare', (op, values) => {
    const rules = [{ id: 'a', clauses: [{ attribute: 'v', op, values }], variation: 0 }];
    expect(checkFlagConfig('me', 2, { ...base, rules }, index, at)).toEqual([]);
  });

  it('says why a value can never match, naming the operator', () => {
    const rules = [
      { id: 'a', clauses: [{ attribute: 'v', op: 'semVerEqual', values: ['abc'] }], variation: 0 },
    ];
    const [issue] = checkFlagConfig('me', 2, { ...base, rules }, index, at);
    expect(issue?.message).toBe(
      '"abc" is not a semantic version such as 1.2.3, and semVerEqual compares versions',
    );
  });

  it('names the cycle in the message', () => {
    const [issue] = checkFlagConfig(
      'me',
      2,
      { ...base, prerequisites: [{ key: 'child', variation: 0 }] },
      index,
      at,
    );
    expect(issue?.message).toBe('prerequisite cycle: me → child → me');
  });
});

describe('checkSegment', () => {
  const segment = (values: string[]) => ({
    key: 'new',
    rules: [{ id: 'r', clauses: [{ attribute: 'key', op: 'segmentMatch', values }] }],
  });

  it.each([
    [['beta'], []],
    [['nope'], ['rules[0].clauses[0].values[0]']],
    [['new'], ['rules']],
  ])('segmentMatch %j → issues at %j', (values, fields) => {
    expect(checkSegment(segment(values), index).map((i) => i.field)).toEqual(fields);
  });

  it('finds a cycle through another segment', () => {
    const cyclic: EnvironmentIndex = { ...index, segments: new Map([['other', ['new']]]) };
    expect(checkSegment(segment(['other']), cyclic)[0]?.message).toBe('segment cycle: new → other → new');
  });
});

describe('attribute references in authoring rules', () => {
  it.each([
    ['name', false, true],
    ['', false, false],
    ['/a~b', false, true],
    ['/a/b', true, true],
    ['/', true, false],
    ['/a//b', true, false],
    ['/a~2', true, false],
    ['/a~1b~0', true, true],
  ])('%j (as path: %s) → %s', (ref, asPath, valid) => {
    expect(parseAttributeReference(ref, !asPath).valid).toBe(valid);
  });
});

describe('findCycle', () => {
  it('returns undefined for a DAG', () => {
    const edges: Record<string, string[]> = { a: ['b', 'c'], b: ['c'], c: [] };
    expect(findCycle('a', (n) => edges[n] ?? [])).toBeUndefined();
  });
});

describe('checkVariationType', () => {
  it.each([
    ['a boolean flag with true and false, swapped', [true, false], [false, true]],
    ['a string flag with one more string', ['a', 'b'], ['a', 'b', 'c']],
    ['a number flag changed to other numbers', [1, 2], [10, 20.5]],
    ['a JSON flag with other objects, arrays and null', [{ a: 1 }, [2]], [null, { b: 2 }, [3]]],
    ['a mixed (JSON) flag still mixed', ['a', 1], [2, 'b', true]],
  ])('accepts %s', (_name, before, after) => {
    expect(checkVariationType(before, after)).toEqual([]);
  });

  it.each([
    [
      'a boolean flag given a third value',
      [true, false],
      [true, false, 'maybe'],
      'a boolean flag serves exactly true and false',
    ],
    [
      'a boolean flag with one value twice',
      [true, false],
      [true, true],
      'a boolean flag serves exactly true and false',
    ],
    [
      'a boolean flag turned into numbers',
      [true, false],
      [1, 0],
      'a boolean flag serves exactly true and false',
    ],
    [
      'a string flag given a number',
      ['a', 'b'],
      ['a', 2],
      "a string flag's variations stay strings (this change makes them JSON values); create another flag for another type",
    ],
    [
      'a number flag turned into strings',
      [1, 2],
      ['1', '2'],
      "a number flag's variations stay numbers (this change makes them strings); create another flag for another type",
    ],
    [
      'a JSON flag turned into strings',
      [{ a: 1 }, null],
      ['a', 'b'],
      "a JSON flag's variations stay JSON values (this change makes them strings); create another flag for another type",
    ],
  ])('refuses %s, naming variations', (_name, before, after, message) => {
    expect(checkVariationType(before, after)).toEqual([{ field: 'variations', message }]);
  });
});

describe('checkFlagConfig: a context key is targeted by one variation', () => {
  const check = (targeting: Partial<FlagTargeting>) =>
    checkFlagConfig('me', 2, { ...base, ...targeting }, index, at);

  it('refuses a key in two variations, naming where it repeats and the other variation', () => {
    const targets = [
      { variation: 0, values: ['u1', 'u2'] },
      { variation: 1, values: ['u2'] },
    ];
    expect(check({ targets })).toEqual([
      { field: `${at}.targets[1].values[0]`, message: 'user key "u2" is targeted by variation 0 too' },
    ]);
  });

  it('counts `targets` as the user kind among `contextTargets`', () => {
    const targets = [{ variation: 0, values: ['u1'] }];
    const contextTargets = [
      { contextKind: 'org', variation: 1, values: ['u1'] },
      { contextKind: 'user', variation: 1, values: ['u1'] },
    ];
    expect(check({ targets, contextTargets })).toEqual([
      {
        field: `${at}.contextTargets[1].values[0]`,
        message: 'user key "u1" is targeted by variation 0 too',
      },
    ]);
  });

  it('takes a key repeated in one variation, and the same key of two kinds', () => {
    const targets = [
      { variation: 0, values: ['u1'] },
      { variation: 0, values: ['u1'] },
    ];
    const contextTargets = [{ contextKind: 'org', variation: 1, values: ['u1'] }];
    expect(check({ targets, contextTargets })).toEqual([]);
  });
});

describe('movedServeIssues: a change that moves variations names what each place serves', () => {
  // Variations [red, green, blue] with red removed: green moves to 0, blue to 1, and 1 now means blue.
  const moved = [0, 1, 2];
  const before: FlagTargeting = {
    ...base,
    offVariation: 1,
    targets: [{ variation: 1, values: ['u1'] }],
    contextTargets: [{ contextKind: 'org', variation: 2, values: ['o1'] }],
    rules: [
      { id: 'a', clauses: [], variation: 1 },
      { id: 'b', clauses: [], rollout: weights(50_000, 50_000) },
    ],
    fallthrough: { variation: 2 },
  };
  const check = (after: FlagTargeting, count = 2) => movedServeIssues(moved, before, after, count, at);
  const message = (index: number) =>
    `still names variation ${index}, which this change moves: name the variation to serve here`;

  it('names each place still naming a moved index, where it is now (rules by id, targets by keys)', () => {
    const after: FlagTargeting = {
      ...before,
      targets: [{ variation: 0, values: ['u0'] }, ...(before.targets ?? [])],
      contextTargets: [{ contextKind: 'org', variation: 1, values: ['o1'] }],
      rules: [{ id: 'b', clauses: [], rollout: weights(50_000, 50_000) }, { ...before.rules![0]! }],
      fallthrough: { variation: 1 },
    };
    expect(check(after)).toEqual([
      { field: `${at}.offVariation`, message: message(1) },
      { field: `${at}.targets[1].variation`, message: message(1) },
      { field: `${at}.rules[0].rollout.variations[0].variation`, message: message(0) },
      { field: `${at}.rules[0].rollout.variations[1].variation`, message: message(1) },
      { field: `${at}.rules[1].variation`, message: message(1) },
    ]);
  });

  it('takes a change that names, at every place, the index its variation moved to', () => {
    const after: FlagTargeting = {
      ...before,
      offVariation: 0,
      targets: [{ variation: 0, values: ['u1'] }],
      contextTargets: [{ contextKind: 'org', variation: 1, values: ['o1'] }],
      rules: [
        { id: 'a', clauses: [], variation: 0 },
        { id: 'b', clauses: [], rollout: { variations: [{ variation: 1, weight: 100_000 }] } },
      ],
      fallthrough: { variation: 1 },
    };
    expect(check(after)).toEqual([]);
  });

  it('leaves an index past the end to the range check, and places the change adds alone', () => {
    const after: FlagTargeting = { ...base, offVariation: null, fallthrough: { variation: 2 }, rules: [] };
    expect(check(after)).toEqual([]);
    expect(check({ ...base, offVariation: 0, rules: [{ id: 'new', clauses: [], variation: 1 }] })).toEqual(
      [],
    );
  });

  it('passes over target lists without keys, which serve no one', () => {
    const was: FlagTargeting = { ...base, offVariation: null, targets: [{ variation: 1, values: [] }] };
    expect(movedServeIssues(moved, was, { ...was, fallthrough: { variation: 1 } }, 2, at)).toEqual([]);
  });

  it('finds nothing when no variation moved', () => {
    expect(movedServeIssues([], before, before, 3, at)).toEqual([]);
  });
});

describe('one set of rules for parsing and authoring', () => {
  it('reports an out-of-range variation with the same message from parseFlag and checkFlagConfig', () => {
    const targeting = { ...base, offVariation: 5 };
    const [issue] = checkFlagConfig('me', 2, targeting, index, '');
    let parsed: unknown;
    try {
      parseFlag({ key: 'me', version: 1, on: true, variations: [true, false], ...targeting });
    } catch (error) {
      parsed = error;
    }
    expect(parsed).toBeInstanceOf(ValidationError);
    expect((parsed as ValidationError).issues[0]).toEqual(issue);
    expect(issue).toEqual({
      field: 'offVariation',
      message: 'variation index 5 is out of range (the flag has 2 variations)',
    });
  });
});

describe('checkVariationValues', () => {
  it.each([
    ['two booleans', [true, false]],
    ['strings that differ only in case', ['a', 'A']],
    ['a number and its string', [1, '1']],
    ['objects with different values', [{ a: 1 }, { a: 2 }]],
    ['null, an empty array and an empty object', [null, [], {}]],
    ['one value', ['only']],
  ])('accepts %s', (_name, values) => {
    expect(checkVariationValues(values)).toEqual([]);
  });

  it('names each repeat at its own index, after the variation it repeats', () => {
    expect(checkVariationValues(['a', 'b', 'a', 'b', 'a'])).toEqual([
      {
        field: 'variations[2].value',
        message: "repeats variation 0's value; each variation serves a value of its own",
      },
      {
        field: 'variations[3].value',
        message: "repeats variation 1's value; each variation serves a value of its own",
      },
      {
        field: 'variations[4].value',
        message: "repeats variation 0's value; each variation serves a value of its own",
      },
    ]);
  });

  it('compares JSON values whatever the order of their keys', () => {
    const issues = checkVariationValues([
      { theme: 'dark', size: [1, 2] },
      { size: [1, 2], theme: 'dark' },
    ]);
    expect(issues.map((issue) => issue.field)).toEqual(['variations[1].value']);
  });
});
