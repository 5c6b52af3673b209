import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { Session } from '../features/auth/session.js';
import { type ApiClient, createApiClient } from '../lib/api-client.js';

type Handler = (request: Request, url: URL) => unknown | Response | Promise<unknown | Response>;

/** Routes of a fake API: `'GET /api/v1/me'` → a JSON body, or a full `Response`. */
export type FakeRoutes = Record<string, Handler>;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** An API error answer as the real API sends it, naming `field` when given. */
export const apiError = (status: number, code: string, message = code, field?: string) =>
  json({ error: { code, message, ...(field === undefined ? {} : { field }) } }, status);

/**
 * Everything `<App>` needs, wired to an in-memory API: routes match `METHOD /path` exactly, and every
 * request is recorded for assertions.
 *
 * @example
 * const fake = fakeApp({ 'GET /api/v1/me': () => ({ id: 't1', name: 'ci', role: 'reader' }) });
 * render(<App {...fake.props} />);
 */
export function fakeApp(routes: FakeRoutes, { token = 'sbt_test', path = '/' } = {}) {
  const requests: Request[] = [];
  const fetchFn = async (input: Request): Promise<Response> => {
    const request = input.clone();
    requests.push(request);
    const url = new URL(request.url);
    const handler = routes[`${request.method} ${url.pathname}`];
    if (!handler) return apiError(404, 'not_found', `${request.method} ${url.pathname}`);
    const result = await handler(request, url);
    return result instanceof Response ? result : json(result);
  };
  const storage = new Map<string, string>();
  const session = new Session({
    getItem: (k) => storage.get(k) ?? null,
    setItem: (k, v) => void storage.set(k, v),
    removeItem: (k) => void storage.delete(k),
  });
  if (token) session.signIn(token);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const api: ApiClient = createApiClient({
    baseUrl: 'http://api.test',
    token: session.token,
    fetch: fetchFn as typeof fetch,
    onAuthError: (status, message) => {
      if (status === 401) session.signOut('rejected', message);
    },
  });
  const history = createMemoryHistory({ initialEntries: [path] });
  return { requests, session, queryClient, api, history, props: { session, api, queryClient, history } };
}
