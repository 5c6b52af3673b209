/** The demo project seeded on first start: two environments, one flag of each kind, a segment. */
export const demoProject = { key: 'demo', name: 'Demo', description: 'Seeded by `npm start`' };

export const demoEnvironments = [
  { key: 'production', name: 'Production', color: '#d7263d' },
  { key: 'staging', name: 'Staging', color: '#1b998b' },
];

export const demoSegment = {
  key: 'beta-testers',
  name: 'Beta testers',
  description: 'Users who opted in to early features',
  included: ['alice', 'bob'],
};

interface DemoFlag {
  readonly body: Record<string, unknown>;
  /** Instructions applied in every environment after creation. */
  readonly instructions: readonly Record<string, unknown>[];
}

export const demoFlags: readonly DemoFlag[] = [
  {
    body: {
      key: 'new-checkout',
      name: 'New checkout',
      description: 'Boolean release flag for the redesigned checkout',
      kind: 'release',
      tags: ['checkout'],
      clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
    },
    instructions: [{ kind: 'turnFlagOn' }],
  },
  {
    body: {
      key: 'search-algorithm',
      name: 'Search algorithm',
      description: 'String experiment with a percentage rollout',
      kind: 'experiment',
      temporary: true,
      variations: [
        { value: 'classic', name: 'Classic' },
        { value: 'semantic', name: 'Semantic' },
        { value: 'hybrid', name: 'Hybrid' },
      ],
      defaults: { onVariation: 0, offVariation: 0 },
    },
    instructions: [
      { kind: 'turnFlagOn' },
      {
        kind: 'updateFallthrough',
        rollout: {
          kind: 'experiment',
          variations: [
            { variation: 0, weight: 50_000 },
            { variation: 1, weight: 25_000 },
            { variation: 2, weight: 25_000 },
          ],
        },
      },
    ],
  },
  {
    body: {
      key: 'rate-limits',
      name: 'Rate limits',
      description: 'Operational JSON configuration',
      kind: 'operational',
      temporary: false,
      variations: [
        { value: { requestsPerMinute: 600, burst: 100 }, name: 'Normal' },
        { value: { requestsPerMinute: 60, burst: 10 }, name: 'Degraded' },
      ],
      defaults: { onVariation: 0, offVariation: 1 },
    },
    instructions: [{ kind: 'turnFlagOn' }],
  },
  {
    body: {
      key: 'beta-dashboard',
      name: 'Beta dashboard',
      description: 'Permission flag granted to the beta-testers segment',
      kind: 'permission',
      temporary: false,
    },
    instructions: [
      { kind: 'turnFlagOn' },
      { kind: 'updateFallthrough', variation: 1 },
      {
        kind: 'addRule',
        rule: {
          description: 'Beta testers',
          clauses: [{ attribute: '', op: 'segmentMatch', values: [demoSegment.key] }],
          variation: 0,
        },
      },
    ],
  },
];
