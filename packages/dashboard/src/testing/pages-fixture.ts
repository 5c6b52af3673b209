import type { Role } from '../features/auth/use-can.js';
import type { FakeRoutes } from './fake-api.js';

const environment = (key: string, name: string) => ({
  key,
  name,
  color: '#d7263d',
  clientSideId: `cs-${key}`,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  sdkKeys: [{ id: `k-${key}`, last4: 'ab12', createdAt: '2026-01-01T00:00:00Z' }],
});

/**
 * The routes every signed-in page needs (who am I, project `web` with `production` and `staging`),
 * plus the page's own. `scope` is a global role or a project-scoped token's roles.
 *
 * @example
 * render(<App {...fakeApp(signedIn('reader', { 'GET /api/v1/projects/web/audit': () => page })).props} />);
 */
export function signedIn(
  scope: Role | { readonly projects: Readonly<Record<string, Role>> },
  routes: FakeRoutes = {},
): FakeRoutes {
  return {
    'GET /api/v1/me': () => ({
      id: 't1',
      name: 'Dana',
      ...(typeof scope === 'string' ? { role: scope } : scope),
    }),
    'GET /api/v1/projects': () => ({
      items: [
        { key: 'web', name: 'Web', description: '', tags: [], version: 1, createdAt: '2026-01-01T00:00:00Z' },
      ],
    }),
    'GET /api/v1/projects/web/environments': () => ({
      items: [environment('production', 'Production'), environment('staging', 'Staging')],
    }),
    ...routes,
  };
}

/** The JSON body of a recorded request. */
export const bodyOf = async (request: Request | undefined): Promise<unknown> => {
  if (!request) throw new Error('no such request');
  return JSON.parse(await request.clone().text());
};

/** The recorded requests with this method and path. */
export const requestsTo = (requests: readonly Request[], method: string, path: string) =>
  requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
