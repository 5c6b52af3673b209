import type { FlagEnvironment } from '../features/flags/model/types.js';
import type { FakeRoutes } from './fake-api.js';

/** Fixtures shaped like the API's answers, for component tests. */

const CREATED = '2026-01-01T00:00:00Z';

export const environment = (key: string, name: string) => ({
  key,
  name,
  color: '#00aa00',
  clientSideId: `cs-${key}`,
  version: 1,
  createdAt: CREATED,
  sdkKeys: [],
});

/** A flag as `GET …/flags` lists it. */
export const flag = (key: string, states: Record<string, { on: boolean; version: number }>, extra = {}) => ({
  key,
  name: `Flag ${key}`,
  description: '',
  tags: [],
  kind: 'release',
  temporary: true,
  variations: [{ value: true }, { value: false }],
  clientSideAvailability: { usingEnvironmentId: false, usingMobileKey: false },
  maintainer: null,
  archived: false,
  version: 1,
  createdAt: CREATED,
  lastEvaluated: {},
  environments: states,
  ...extra,
});

/** An environment's configuration as the API shows it; `overrides` replace fields. */
export const flagEnvironment = (overrides: Partial<FlagEnvironment> = {}): FlagEnvironment => ({
  on: false,
  offVariation: 1,
  targets: [],
  contextTargets: [],
  rules: [],
  fallthrough: { variation: 0 },
  prerequisites: [],
  salt: 'salt',
  trackEvents: false,
  trackEventsFallthrough: false,
  version: 3,
  ...overrides,
});

/** A flag as `GET …/flags/{flag}` and `PATCH` answer, configured in production only. */
export const resource = (key: string, on: boolean, version: number) => ({
  ...flag(key, {}),
  environments: { production: flagEnvironment({ on, version, salt: 's' }) },
});

/** An audit entry of a change to flag `key` made by someone else just now. */
export const auditEntry = (id: string, action: 'create' | 'update' | 'delete', key: string) => ({
  id,
  project: 'web',
  time: new Date().toISOString(),
  actor: { id: 't2', name: 'script' },
  action,
  resource: 'flag' as const,
  key,
});

const recently = () => new Date(Date.now() - 5 * 60_000).toISOString();

/**
 * A project `web` with environments Production and Staging and two flags: `checkout` (off in
 * production, evaluated 5 minutes ago, tagged) and `old-banner` (never evaluated).
 *
 * @example
 * fakeApp(routes({ 'PATCH /api/v1/projects/web/flags/checkout': () => resource('checkout', true, 4) }));
 */
export function routes(overrides: FakeRoutes = {}, role = 'writer'): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({ id: 't1', name: 'Dana', role }),
    'GET /api/v1/projects': () => ({
      items: [{ key: 'web', name: 'Web', tags: [], version: 1, createdAt: CREATED }],
    }),
    'GET /api/v1/projects/web/environments': () => ({
      items: [environment('production', 'Production'), environment('staging', 'Staging')],
    }),
    'GET /api/v1/projects/web/flags': () => ({
      items: [
        flag(
          'checkout',
          { production: { on: false, version: 3 }, staging: { on: true, version: 7 } },
          { lastEvaluated: { production: recently() }, tags: ['payments'] },
        ),
        flag('old-banner', { production: { on: true, version: 1 }, staging: { on: false, version: 1 } }),
      ],
    }),
    'GET /api/v1/projects/web/audit': () => ({ items: [] }),
    ...overrides,
  };
}
