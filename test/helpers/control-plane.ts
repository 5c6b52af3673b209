import { randomBytes } from 'node:crypto';
import { type FunctionName, type HttpMethod, httpRoutes, routeKey } from '@switchboard/topology';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiHandlerOptions } from '../../lambdas/api.js';
import { createAdminHandler } from '../../lambdas/api-admin.js';
import { createAuthoringHandler } from '../../lambdas/api-authoring.js';
import { createEvaluateHandler } from '../../lambdas/api-evaluate.js';
import { createInsightsHandler } from '../../lambdas/api-insights.js';
import { ensureAdminToken } from '../../lambdas/bootstrap.js';
import type { ContainerOptions } from '../../lambdas/container.js';
import type { HttpHandler } from '../../lambdas/http/app.js';
import { createIngestHandler } from '../../lambdas/ingest.js';
import { createSdkHandler } from '../../lambdas/sdk.js';
import { bodyText, httpEvent } from './http-events.js';

export interface CallOptions {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Parsed JSON; tests assert on it field by field. */
  // biome-ignore lint/suspicious/noExplicitAny: response shapes vary by route and are checked by the assertions
  readonly json: any;
  readonly raw: APIGatewayProxyStructuredResultV2;
}

/** Calls the function that serves `method path` (as declared in the topology) with a v2 event. */
export type Call = (method: HttpMethod, path: string, options?: CallOptions) => Promise<CallResult>;

export const newAdminToken = (): string => `sbt_${randomBytes(32).toString('base64url')}`;

/**
 * The management API as one handler: each event goes to the handler of the function its route key
 * belongs to (as API Gateway routes it), each built once; an undeclared route key reaches `api-admin`.
 *
 * @example
 * const api = managementApi();
 * await api(httpEvent({ route: { method: 'GET', path: '/api/v1/me' }, headers }));
 */
export function managementApi(options: ApiHandlerOptions = {}): HttpHandler {
  const handlers: Partial<Record<FunctionName, HttpHandler>> = {
    'api-admin': createAdminHandler(options),
    'api-authoring': createAuthoringHandler(options),
    'api-insights': createInsightsHandler(options),
    'api-evaluate': createEvaluateHandler(options),
  };
  const functionOf = new Map(httpRoutes.map((route) => [routeKey(route), route.function]));
  return (event, context) => {
    const handler = handlers[functionOf.get(event.routeKey) ?? 'api-admin'] ?? handlers['api-admin'];
    return (handler as HttpHandler)(event, context);
  };
}

const isManagement = (fn: FunctionName) => fn.startsWith('api-');

export function caller(handlers: { api: HttpHandler; sdk: HttpHandler; ingest?: HttpHandler }): Call {
  return async (method, path, options = {}) => {
    const route = httpRoutes.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`No route ${method} ${path} in the topology`);
    const headers = { ...options.headers };
    if (options.token !== undefined) headers.authorization ??= `Bearer ${options.token}`;
    const handler = (handlers as Partial<Record<string, HttpHandler>>)[
      isManagement(route.function) ? 'api' : route.function
    ];
    if (!handler) throw new Error(`No handler for ${route.function} in this test`);
    const raw = await handler(
      httpEvent({ route, params: options.params, query: options.query, headers, body: options.body }),
    );
    const text = raw.statusCode === 304 ? '' : bodyText(raw);
    return {
      status: raw.statusCode ?? 0,
      headers: (raw.headers ?? {}) as Record<string, string>,
      json: text ? JSON.parse(text) : undefined,
      raw,
    };
  };
}

/** Fresh handlers (own caches) on the tables `createIsolatedTables()` set up, plus an admin token. */
export async function controlPlane(
  options: ContainerOptions = {},
): Promise<{ call: Call; adminToken: string; api: HttpHandler; sdk: HttpHandler }> {
  const adminToken = newAdminToken();
  await ensureAdminToken(adminToken);
  const api = managementApi(options);
  const sdk = createSdkHandler(options);
  // Events go nowhere here; test/integration/analytics.*.test.ts cover what reaches the stream.
  const ingest = createIngestHandler({ ...options, sink: { publish: async () => {} } });
  return { call: caller({ api, sdk, ingest }), adminToken, api, sdk };
}

export const P = '/api/v1/projects/{project}';
export const ENV = `${P}/environments/{env}`;
export const FLAG = `${P}/flags/{flag}`;
export const SEGMENT = `${ENV}/segments/{segment}`;

/**
 * Creates `project` with `environments` through the API and returns each environment as created
 * (with its one-time `sdkKey`), by key.
 *
 * @example
 * const { production } = await seedProject(call, adminToken, 'shop', [{ key: 'production' }]);
 */
export async function seedProject(
  call: Call,
  token: string,
  project: string,
  environments: readonly { key: string; secureMode?: boolean }[],
  // biome-ignore lint/suspicious/noExplicitAny: the environment as the API answers it, read field by field
): Promise<Record<string, any>> {
  await call('POST', '/api/v1/projects', { token, body: { key: project, name: project } });
  const created: Record<string, unknown> = {};
  for (const { key, secureMode = false } of environments) {
    const result = await call('POST', `${P}/environments`, {
      token,
      params: { project },
      body: { key, name: key, secureMode },
    });
    if (result.status !== 201) throw new Error(JSON.stringify(result.json));
    created[key] = result.json;
  }
  return created;
}
