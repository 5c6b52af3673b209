import type { WebSocketRoute } from './event-sources.js';
import { type HttpRoute, routeKey } from './routes.js';

/**
 * Who calls a route, which decides how many requests per second it may take: API Gateway keeps one
 * token bucket per route, and each class's figures apply to every route of the class (docs/deploy.md
 * shows the arithmetic behind each).
 *
 * - `management`: people and CI with API tokens (`/api/v1/*`), and the public OpenAPI description
 * - `sdk`: server SDK snapshots (`GET /sdk/v1/flags`), two per (re)connected SDK
 * - `clientSide`: client-side evaluation by public client-side id, the browsers' HTTP fallback
 * - `ingest`: analytics event batches from server SDKs and browsers
 * - `connect`: the WebSocket `$connect`, where reconnect storms land
 * - `messages`: WebSocket messages (pings, a browser's identify) and `$disconnect`
 */
export type ThrottleClass = 'management' | 'sdk' | 'clientSide' | 'ingest' | 'connect' | 'messages';

/** An API Gateway throttle: steady requests per second, and how many may come at once above it. */
export interface ThrottleLimit {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * The limits each class gets unless a deployment overrides them (`throttles` of the stack).
 * Sized in docs/deploy.md from docs/delivery.md's reconnect arithmetic: `$connect` at the account's
 * 500 new connections per second, two snapshots per admitted server SDK, and SDK-facing routes
 * together within half of the account's 10,000 requests per second, the rest left to the fan-out's
 * `@connections` posts, which no stage throttles.
 *
 * @example
 * ```ts
 * throttleLimits[throttleClassOf(route)]; // { rateLimit: 1000, burstLimit: 1000 } for GET /sdk/v1/flags
 * ```
 */
export const throttleLimits: Readonly<Record<ThrottleClass, ThrottleLimit>> = {
  management: { rateLimit: 50, burstLimit: 100 },
  sdk: { rateLimit: 1000, burstLimit: 1000 },
  clientSide: { rateLimit: 500, burstLimit: 1000 },
  ingest: { rateLimit: 500, burstLimit: 1000 },
  connect: { rateLimit: 500, burstLimit: 500 },
  messages: { rateLimit: 1000, burstLimit: 2000 },
};

export const throttleClasses = Object.keys(throttleLimits) as readonly ThrottleClass[];

const byAuth: Record<HttpRoute['auth']['kind'], ThrottleClass> = {
  apiToken: 'management',
  public: 'management',
  sdkKey: 'sdk',
  clientSideId: 'clientSide',
};

/**
 * A route's throttle class: the one it declares, else by who calls it (HTTP: by `auth`; WebSocket:
 * `connect` for `$connect`, `messages` for the rest).
 *
 * @example
 * ```ts
 * throttleClassOf({ routeKey: '$connect', function: 'ws-connect' }); // 'connect'
 * ```
 */
export function throttleClassOf(
  route: Pick<HttpRoute, 'auth' | 'throttle'> | Pick<WebSocketRoute, 'routeKey' | 'throttle'>,
): ThrottleClass {
  if (route.throttle) return route.throttle;
  if ('routeKey' in route) return route.routeKey === '$connect' ? 'connect' : 'messages';
  return byAuth[route.auth.kind];
}

/**
 * The throttle class of every HTTP route by route key, and of each preflight route: a browser sends
 * a preflight before the routes of its path, so it takes the class of the path's first route.
 *
 * @example
 * ```ts
 * httpThrottleClasses(httpRoutes, preflightRoutes(httpRoutes)).get('OPTIONS /sdk/v1/evaluate/{clientSideId}'); // 'clientSide'
 * ```
 */
export function httpThrottleClasses(
  routes: readonly Pick<HttpRoute, 'method' | 'path' | 'auth' | 'throttle'>[],
  preflights: readonly { readonly method: string; readonly path: string }[],
): Map<string, ThrottleClass> {
  const classes = new Map(routes.map((route) => [routeKey(route), throttleClassOf(route)]));
  for (const preflight of preflights) {
    const first = routes.find((route) => route.path === preflight.path);
    if (first) classes.set(routeKey(preflight), throttleClassOf(first));
  }
  return classes;
}
