import { type CorsPolicy, corsRules, dashboardOriginsVar, parseOrigins } from '@switchboard/topology';

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
 * createHttpHandler('sdk', sdkRoutes, deps, corsConfigFromEnv());
 * ```
 */
export const corsConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): CorsConfig => ({
  dashboardOrigins: parseOrigins(env[dashboardOriginsVar]),
});

/** One path's CORS answers: the headers of a preflight, and those added to every other answer. */
export interface PathCors {
  readonly preflight: (origin: string | undefined) => Record<string, string>;
  readonly response: (origin: string | undefined) => Record<string, string>;
}

/**
 * The CORS answers of one path's policy. Requests from an origin the policy does not allow are still
 * served (CORS is the browser's rule, not authorisation); their answers carry no
 * `Access-Control-Allow-Origin`, so the browser keeps them from the page.
 *
 * @example
 * ```ts
 * const cors = corsFor('dashboard', ['GET', 'POST'], corsConfigFromEnv());
 * cors.preflight('https://dashboard.example.com'); // { 'access-control-allow-origin': …, … }
 * ```
 */
export function corsFor(
  policy: Exclude<CorsPolicy, 'none'>,
  methods: readonly string[],
  config: CorsConfig,
): PathCors {
  const rules = corsRules[policy];
  const allowed = new Set(config.dashboardOrigins);
  const anyOrigin = policy === 'anyOrigin';
  const common = (origin: string | undefined): Record<string, string> => {
    const headers: Record<string, string> = {};
    // Any origin is echoed, not answered with `*`: `navigator.sendBeacon` always sends credentials,
    // and a credentialed request needs its own origin and `Allow-Credentials` back, or the browser
    // drops the beacon silently. These routes read no cookies, so allowing credentials grants nothing.
    if (origin && (anyOrigin || allowed.has(origin))) headers['access-control-allow-origin'] = origin;
    if (anyOrigin) headers['access-control-allow-credentials'] = 'true';
    if (rules.exposeHeaders.length > 0) {
      headers['access-control-expose-headers'] = rules.exposeHeaders.join(',');
    }
    return headers;
  };
  return {
    preflight: (origin) => ({
      ...common(origin),
      vary: 'Origin, Access-Control-Request-Headers',
      'access-control-max-age': String(rules.maxAgeSeconds),
      'access-control-allow-methods': methods.join(','),
      'access-control-allow-headers': rules.allowHeaders.join(','),
    }),
    response: (origin) => ({ ...common(origin), vary: 'Origin' }),
  };
}
