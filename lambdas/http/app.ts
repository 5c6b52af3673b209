import {
  type FunctionName,
  type HttpRoute,
  httpRoutes,
  preflightRoutes,
  routeKey,
} from '@switchboard/topology';
import type { APIGatewayProxyEventV2, Context as LambdaContext } from 'aws-lambda';
import { MethodNotAllowedError, NotFoundError, ValidationError } from '../errors.js';
import type { AuthService } from '../services/auth-service.js';
import { type CorsConfig, corsConfigFromEnv, corsFor, type PathCors } from './cors.js';
import { mapError } from './error-mapper.js';
import { type HttpRequest, readIfMatch, readJsonBody, readPathParams, readRequest } from './request.js';
import { type HttpResult, jsonResult, RawResponse, rawResult } from './response.js';
import type { Parser, RouteDefinition, RouteTable } from './route-table.js';

/** A Lambda handler for API Gateway HTTP API payload v2 events. */
export type HttpHandler = (event: APIGatewayProxyEventV2, context?: LambdaContext) => Promise<HttpResult>;

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

interface Served<S> {
  readonly route: HttpRoute;
  readonly definition: RouteDefinition<S>;
  readonly params: readonly string[];
  readonly cors: PathCors | undefined;
}

function parseBody<B>(body: Parser<B>, json: unknown): B {
  try {
    return body.parse(json);
  } catch (error) {
    // A body wrong as a whole (an array for an object, `null`) is named as such.
    if (error instanceof ValidationError && !error.field) {
      throw new ValidationError(`body: ${error.message}`, 'body', { cause: error });
    }
    throw error;
  }
}

/**
 * Management routes hear of query mistakes: a parameter on a route that reads none
 * (`DELETE …/flags/{flag}?env=staging` deletes the flag everywhere), or one given twice
 * (`?env=staging&env=production` would act on one of them). SDK and public routes ignore what they
 * do not read, so that older servers keep answering newer SDKs.
 */
function checkManagementQuery(readsQuery: boolean, query: URLSearchParams): void {
  const names = [...query.keys()];
  if (!readsQuery && names.length > 0) {
    throw new ValidationError(`query.${names[0]}: this route takes no query parameters`, `query.${names[0]}`);
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated === undefined) return;
  throw new ValidationError(`query.${repeated}: given more than once; send it once`, `query.${repeated}`);
}

async function serve<S>(request: HttpRequest, served: Served<S>, deps: AppDeps<S>): Promise<HttpResult> {
  const { route, definition } = served;
  const params = readPathParams(request, served.params);
  const principal = await deps.auth.authenticate(route.auth, {
    authorization: request.header('authorization'),
    clientSideId: params.clientSideId,
    project: params.project,
  });
  if (route.auth.kind === 'apiToken') checkManagementQuery(definition.query !== undefined, request.query);
  const query = definition.query?.parse(Object.fromEntries(request.query), 'query');
  const body = definition.body ? parseBody(definition.body, readJsonBody(request)) : undefined;
  const result = await definition.handle({
    services: deps.services,
    params,
    body,
    query,
    principal,
    ifMatch: readIfMatch(request),
    header: request.header,
  });
  if (result instanceof RawResponse) return rawResult(result);
  const status = definition.status ?? 200;
  return jsonResult(status, status === 204 ? undefined : result);
}

function errorResult(error: unknown): HttpResult {
  const { status, body, headers } = mapError(error);
  return jsonResult(status, body, headers);
}

/** `vary` is a list: the route's own values are kept before CORS's. */
function withCors(result: HttpResult, cors: Record<string, string>): HttpResult {
  const headers = { ...result.headers, ...cors };
  const vary = result.headers?.vary;
  if (vary !== undefined && cors.vary) headers.vary = `${vary}, ${cors.vary}`;
  return { ...result, headers };
}

/**
 * The Lambda handler (API Gateway HTTP API, payload v2) of one function, built from the topology:
 * API Gateway has routed the request already, so the event's `routeKey` picks the implementation in
 * `table` (one map lookup). Paths whose routes allow cross-origin calls answer their preflights
 * (the stack routes their `OPTIONS` here) and mark every answer for their CORS policy. Every answer,
 * including to an event that cannot be read, is JSON in the documented error shape.
 *
 * @example
 * export const handler = createHttpHandler('sdk', sdkRoutes, sdkContainer());
 */
export function createHttpHandler<S>(
  fn: FunctionName,
  table: RouteTable<S>,
  deps: AppDeps<S>,
  corsConfig: CorsConfig = corsConfigFromEnv(),
): HttpHandler {
  const routes = routesOf(fn);
  assertImplemented(routes, table as RouteTable<unknown>);
  const corsByPath = new Map<string, PathCors>(
    preflightRoutes(routes).map((p) => [p.path, corsFor(p.cors, p.methods, corsConfig)]),
  );
  const methodsByPath = new Map<string, string[]>();
  const served = new Map<string, Served<S>>();
  for (const route of routes) {
    methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method]);
    served.set(routeKey(route), {
      route,
      definition: table[routeKey(route)] as RouteDefinition<S>,
      params: [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name as string),
      cors: corsByPath.get(route.path),
    });
  }

  return async (event) => {
    const key = event.routeKey ?? event.requestContext.routeKey ?? '';
    const found = served.get(key);
    const path = key.slice(key.indexOf(' ') + 1);
    const cors = found?.cors ?? corsByPath.get(path);
    // Read before the request is (it may be unreadable): API Gateway sends header names in lower case.
    const origin = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
    try {
      const request = readRequest(event);
      if (found) {
        const result = await serve(request, found, deps);
        return cors ? withCors(result, cors.response(origin)) : result;
      }
      if (request.method === 'OPTIONS' && cors) {
        return {
          statusCode: 204,
          headers: cors.preflight(request.header('origin')),
          body: '',
          isBase64Encoded: false,
        };
      }
      const methods = request.method === 'OPTIONS' ? undefined : methodsByPath.get(path);
      throw methods ? new MethodNotAllowedError(methods) : new NotFoundError('Route');
    } catch (error) {
      const result = errorResult(error);
      return cors ? withCors(result, cors.response(origin)) : result;
    }
  };
}
