import {
  type FunctionName,
  type HttpRoute,
  httpRoutes,
  preflightRoutes,
  routeKey,
} from '@switchboard/topology';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context as LambdaContext,
} from 'aws-lambda';
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { z } from 'zod/mini';
import { parseWith } from '../domain/validation.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { AuthService } from '../services/auth-service.js';
import { type CorsConfig, corsConfigFromEnv, corsFor } from './cors.js';
import { mapError } from './error-mapper.js';
import { readIfMatch, readJsonBody, readPathParams, readQuery } from './request.js';
import type { CustomBody, RouteDefinition, RouteTable } from './route-table.js';

/** A Lambda handler for API Gateway HTTP API payload v2 events. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context?: LambdaContext,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** `/api/v1/projects/{project}` → `/api/v1/projects/:project` */
export const honoPath = (path: string): string => path.replace(/\{([^}+]+)\}/g, ':$1');

export const routesOf = (fn: FunctionName): HttpRoute[] => httpRoutes.filter((r) => r.function === fn);

/** Fails at start-up if the topology and the implementations disagree, rather than with a 404 later. */
export function assertImplemented(routes: readonly HttpRoute[], table: RouteTable<unknown>): void {
  const declared = new Set(routes.map(routeKey));
  const missing = [...declared].filter((key) => !table[key]);
  const extra = Object.keys(table).filter((key) => !declared.has(key));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `Route table mismatch: missing [${missing.join(', ')}], undeclared [${extra.join(', ')}]`,
    );
  }
}

export interface AppDeps<S> {
  readonly services: S;
  readonly auth: AuthService;
}

function parseBody<B>(body: z.core.$ZodType<B> | CustomBody<B>, json: unknown): B {
  try {
    return '_zod' in body ? parseWith(body, json) : body.parse(json);
  } catch (error) {
    // A body wrong as a whole (an array for an object, `null`) is named as such.
    if (error instanceof ValidationError && !error.field) {
      throw new ValidationError(`body: ${error.message}`, 'body', { cause: error });
    }
    throw error;
  }
}

async function serve<S>(c: Context, route: HttpRoute, definition: RouteDefinition<S>, deps: AppDeps<S>) {
  const params = readPathParams(c);
  const principal = await deps.auth.authenticate(route.auth, {
    authorization: c.req.header('authorization'),
    clientSideId: params.clientSideId,
    project: params.project,
  });
  const query = definition.query ? readQuery(c, definition.query) : undefined;
  const body = definition.body ? parseBody(definition.body, await readJsonBody(c)) : undefined;
  const result = await definition.handle({
    services: deps.services,
    params,
    body,
    query,
    principal,
    ifMatch: readIfMatch(c),
    context: c,
  });
  if (result instanceof Response) return result;
  const status = definition.status ?? 200;
  return status === 204 ? c.body(null, 204) : c.json(result, status);
}

function errorResponse(c: Context, error: unknown): Response {
  const mapped = mapError(error);
  return c.json(mapped.body, mapped.status as 400, mapped.headers);
}

/**
 * Builds the Hono app of one function from the topology: every route declared for `fn` is registered
 * with its method, path and auth; `table` supplies only the implementations. Paths whose routes allow
 * cross-origin calls get their CORS policy (preflights included: the stack routes their `OPTIONS` here).
 */
export function createApp<S>(
  fn: FunctionName,
  table: RouteTable<S>,
  deps: AppDeps<S>,
  cors: CorsConfig = corsConfigFromEnv(),
): Hono {
  const routes = routesOf(fn);
  assertImplemented(routes, table as RouteTable<unknown>);
  const app = new Hono();
  // Before the routes: Hono runs handlers in registration order.
  for (const preflight of preflightRoutes(routes)) {
    app.use(honoPath(preflight.path), corsFor(preflight.cors, preflight.methods, cors));
  }
  for (const route of routes) {
    const definition = table[routeKey(route)] as RouteDefinition<S>;
    app.on(route.method, honoPath(route.path), (c) => serve(c, route, definition, deps));
  }
  app.notFound((c) => errorResponse(c, new NotFoundError('Route')));
  app.onError((error, c) => errorResponse(c, error));
  return app;
}
