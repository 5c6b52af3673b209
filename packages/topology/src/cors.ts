import type { HttpMethod, HttpRoute, RouteAuth } from './routes.js';

/**
 * Which browser pages may call a route:
 * - `dashboard`: only the dashboard's origins (the management API: its bearer tokens belong to people
 *   signed in to the dashboard, whose page is the only one that should hold them);
 * - `anyOrigin`: every origin (the client-side SDK routes, called from customers' sites with nothing
 *   but a public client-side id);
 * - `none`: no cross-origin calls (server SDK routes: an SDK key must never be in a browser).
 */
export type CorsPolicy = 'dashboard' | 'anyOrigin' | 'none';

/**
 * Environment variable through which the functions that serve `dashboard` routes learn the dashboard's
 * origins, comma-separated. Unset or empty: no origin but the API's own (the local runtime serves the
 * dashboard on its own origin).
 */
export const dashboardOriginsVar = 'DASHBOARD_ORIGINS';

/** A route's policy when it declares none: decided by who may call it. */
const policyByAuth: Record<RouteAuth['kind'], CorsPolicy> = {
  apiToken: 'dashboard',
  public: 'dashboard',
  clientSideId: 'anyOrigin',
  sdkKey: 'none',
};

/**
 * The route's declared `cors`, else the policy of its kind of caller.
 *
 * @example
 * ```ts
 * corsPolicyOf({ auth: { kind: 'clientSideId' } }); // 'anyOrigin'
 * ```
 */
export const corsPolicyOf = (route: Pick<HttpRoute, 'auth' | 'cors'>): CorsPolicy =>
  route.cors ?? policyByAuth[route.auth.kind];

/** What a CORS response allows, per policy (`none` allows nothing and is not listed). */
export interface CorsRules {
  /** Request headers a page may send besides the CORS-safelisted ones. */
  readonly allowHeaders: readonly string[];
  /** Response headers a page may read besides the CORS-safelisted ones. */
  readonly exposeHeaders: readonly string[];
  /** How long a browser may reuse a preflight answer. */
  readonly maxAgeSeconds: number;
}

export const corsRules: Readonly<Record<Exclude<CorsPolicy, 'none'>, CorsRules>> = {
  dashboard: {
    allowHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match'],
    exposeHeaders: ['etag'],
    maxAgeSeconds: 3600,
  },
  // No `authorization`: these routes take no credential, so a page cannot be tricked into sending one.
  anyOrigin: { allowHeaders: ['content-type'], exposeHeaders: [], maxAgeSeconds: 3600 },
};

/**
 * The `OPTIONS` route of a path whose routes allow cross-origin calls: it goes to the function that
 * serves the path, which answers the preflight with the path's policy.
 */
export interface PreflightRoute<F extends string = HttpRoute['function']> {
  readonly method: 'OPTIONS';
  readonly path: string;
  readonly function: F;
  readonly cors: Exclude<CorsPolicy, 'none'>;
  /** The methods declared on the path, for `Access-Control-Allow-Methods`. */
  readonly methods: readonly HttpMethod[];
}

type DeclaredRoute<F extends string> = Pick<HttpRoute, 'method' | 'path' | 'auth' | 'cors'> & {
  readonly function: F;
};

/**
 * One preflight route per path that allows cross-origin calls. Throws when the routes of one path
 * disagree on the policy or the function, since one `OPTIONS` answer serves them all.
 *
 * @example
 * ```ts
 * for (const route of [...httpRoutes, ...preflightRoutes(httpRoutes)]) api.addRoute(route);
 * ```
 */
export function preflightRoutes<F extends string>(routes: readonly DeclaredRoute<F>[]): PreflightRoute<F>[] {
  const byPath = new Map<string, { function: F; cors: CorsPolicy; methods: HttpMethod[] }>();
  for (const route of routes) {
    const cors = corsPolicyOf(route);
    const seen = byPath.get(route.path);
    if (!seen) {
      byPath.set(route.path, { function: route.function, cors, methods: [route.method] });
      continue;
    }
    if (seen.cors !== cors || seen.function !== route.function) {
      throw new Error(
        `Routes of ${route.path} disagree on their function or CORS policy (${seen.function}/${seen.cors} and ${route.function}/${cors}); one preflight answers for all of them`,
      );
    }
    seen.methods.push(route.method);
  }
  return [...byPath].flatMap(([path, { cors, ...rest }]) =>
    cors === 'none' ? [] : [{ method: 'OPTIONS' as const, path, cors, ...rest }],
  );
}

/**
 * The origins in {@link dashboardOriginsVar}'s value.
 *
 * @example
 * ```ts
 * parseOrigins('https://a.example, https://b.example'); // ['https://a.example', 'https://b.example']
 * ```
 */
export const parseOrigins = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
