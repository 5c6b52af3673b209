/**
 * Flags, segments and contexts for bench/evaluation.bench.ts, generated from a fixed seed so that
 * every run (and both evaluators within a run) sees exactly the same inputs.
 */

type Json = Record<string, unknown>;

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TRIVIAL_KEY = 'bench-trivial';
export const PREREQUISITE_KEY = 'bench-prerequisite';
export const SEGMENT_KEY = 'bench-beta';
export const COMPLEX_KEY = 'bench-complex';

/** An on/off boolean flag that serves `true` to everyone. */
export const trivialFlag: Json = {
  key: TRIVIAL_KEY,
  version: 1,
  on: true,
  salt: 'trivial',
  variations: [true, false],
  offVariation: 1,
  fallthrough: { variation: 0 },
};

/** The prerequisite of every complex flag: on, serving variation 0 except to a handful of users. */
export const prerequisiteFlag: Json = {
  key: PREREQUISITE_KEY,
  version: 1,
  on: true,
  salt: 'prerequisite',
  variations: [true, false],
  offVariation: 1,
  targets: [{ values: ['user-13', 'user-42'], variation: 1 }],
  fallthrough: { variation: 0 },
};

/** A segment whose only rule matches pro/enterprise users and then keeps 30% of them by bucket. */
export const betaSegment: Json = {
  key: SEGMENT_KEY,
  version: 1,
  salt: 'beta-salt',
  included: ['user-7'],
  excluded: ['user-8'],
  rules: [
    {
      id: 'paying-30pct',
      clauses: [{ contextKind: 'user', attribute: 'plan', op: 'in', values: ['pro', 'enterprise'] }],
      weight: 30_000,
    },
  ],
};

/**
 * The realistic complex flag: targets and contextTargets, a prerequisite, five rules (`endsWith` AND
 * `greaterThanOrEqual`; a nested-path `in` on an `org` context; `semVerGreaterThan` with a seeded
 * experiment rollout; `segmentMatch` into a weighted segment rule; a `matches` regex) and a
 * three-way percentage fallthrough.
 */
export function complexFlag(key: string, index: number): Json {
  return {
    key,
    version: 1,
    on: true,
    salt: `salt-${index}`,
    variations: ['control', 'treatment-a', 'treatment-b', 'off'],
    offVariation: 3,
    prerequisites: [{ key: PREREQUISITE_KEY, variation: 0 }],
    targets: [{ values: ['user-1', 'user-2', 'user-3', `user-${100 + index}`], variation: 1 }],
    contextTargets: [
      { contextKind: 'user', values: [], variation: 1 },
      { contextKind: 'org', values: ['org-7', 'org-13', `org-${50 + index}`], variation: 2 },
    ],
    rules: [
      {
        id: 'staff-adults',
        clauses: [
          { contextKind: 'user', attribute: 'email', op: 'endsWith', values: ['@switchboard.dev'] },
          { contextKind: 'user', attribute: 'age', op: 'greaterThanOrEqual', values: [21] },
        ],
        variation: 1,
      },
      {
        id: 'anz-orgs',
        clauses: [{ contextKind: 'org', attribute: '/address/country', op: 'in', values: ['NZ', 'AU'] }],
        variation: 2,
      },
      {
        id: 'new-app-experiment',
        clauses: [
          { contextKind: 'user', attribute: 'appVersion', op: 'semVerGreaterThan', values: ['2.4.0'] },
        ],
        rollout: {
          kind: 'experiment',
          seed: 61 + index,
          variations: [
            { variation: 0, weight: 50_000 },
            { variation: 1, weight: 40_000 },
            { variation: 2, weight: 10_000, untracked: true },
          ],
        },
      },
      {
        id: 'beta-segment',
        clauses: [{ op: 'segmentMatch', values: [SEGMENT_KEY] }],
        variation: 1,
      },
      {
        id: 'named',
        clauses: [{ contextKind: 'user', attribute: 'name', op: 'matches', values: ['^(Ann|Bob)[a-z]*$'] }],
        variation: 2,
      },
    ],
    fallthrough: {
      rollout: {
        variations: [
          { variation: 0, weight: 34_000 },
          { variation: 1, weight: 33_000 },
          { variation: 2, weight: 33_000 },
        ],
      },
    },
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const EMAIL_DOMAINS = ['@switchboard.dev', '@example.com', '@gmail.com', '@corp.io'];
const VERSIONS = ['1.9.0', '2.3.1', '2.4.0', '2.4.0', '2.5.0-beta.1', '2.10.3'];
const NAMES = ['Ann', 'Annabel', 'Bob', 'Bobby', 'Carl', 'Dana', 'Eve', 'Frank'];
const PLANS = ['free', 'free', 'pro', 'enterprise'];
const COUNTRIES = ['NZ', 'AU', 'US', 'DE', 'GB', 'JP'];

function userContext(rand: () => number): Json {
  const id = Math.floor(rand() * 1_000_000);
  return {
    key: `user-${id}`,
    name: pick(rand, NAMES),
    email: `u${id}${pick(rand, EMAIL_DOMAINS)}`,
    age: 14 + Math.floor(rand() * 60),
    appVersion: pick(rand, VERSIONS),
    plan: pick(rand, PLANS),
  };
}

function orgContext(rand: () => number): Json {
  return {
    key: `org-${Math.floor(rand() * 5_000)}`,
    name: `Org ${Math.floor(rand() * 100)}`,
    address: { country: pick(rand, COUNTRIES), city: 'Somewhere' },
  };
}

/** `count` random contexts, a share `multiShare` of them multi-kind (user + org), the rest single users. */
export function contexts(count: number, multiShare: number, seed = 20261126): Json[] {
  const rand = random(seed);
  return Array.from({ length: count }, () =>
    rand() < multiShare
      ? { kind: 'multi', user: userContext(rand), org: orgContext(rand) }
      : { kind: 'user', ...userContext(rand) },
  );
}
