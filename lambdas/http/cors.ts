import { type CorsPolicy, corsRules, dashboardOriginsVar, parseOrigins } from '@switchboard/topology';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** Where a function's CORS answers come from besides the topology. */
export interface CorsConfig {
  /** Origins of the dashboard, allowed on `dashboard` routes; empty: same-origin only. */
  readonly dashboardOrigins: readonly string[];
}

/**
 * The configuration the stack (and the local runtime) hands a function in its environment.
 *
 * @example
 * ```ts
 * createApp('api', apiRoutes, deps, corsConfigFromEnv());
 * ```
 */
export const corsConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): CorsConfig => ({
  dashboardOrigins: parseOrigins(env[dashboardOriginsVar]),
});

/**
 * The middleware that answers preflights and marks responses for one path's policy. Requests from an
 * origin the policy does not allow are still served (CORS is the browser's rule, not authorisation);
 * their answers carry no `Access-Control-Allow-Origin`, so the browser keeps them from the page.
 *
 * @example
 * ```ts
 * app.use('/api/v1/projects', corsFor('dashboard', ['GET', 'POST'], corsConfigFromEnv()));
 * ```
 */
export function corsFor(
  policy: Exclude<CorsPolicy, 'none'>,
  methods: readonly string[],
  config: CorsConfig,
): MiddlewareHandler {
  const rules = corsRules[policy];
  const allowed = new Set(config.dashboardOrigins);
  const anyOrigin = policy === 'anyOrigin';
  return cors({
    // Any origin is echoed, not answered with `*`: `navigator.sendBeacon` always sends credentials,
    // and a credentialed request needs its own origin and `Allow-Credentials` back, or the browser
    // drops the beacon silently. These routes read no cookies, so allowing credentials grants nothing.
    origin: anyOrigin ? (origin) => origin : (origin) => (allowed.has(origin) ? origin : null),
    credentials: anyOrigin,
    allowMethods: [...methods],
    allowHeaders: [...rules.allowHeaders],
    exposeHeaders: [...rules.exposeHeaders],
    maxAge: rules.maxAgeSeconds,
  });
}
