import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { httpThrottleClasses, preflightRoutes, routeKey, throttleLimits } from '@switchboard/topology';
import type { Invoke } from '../functions/load-functions.js';
import { type Logger, since } from '../log.js';
import type { RuntimeTopology } from '../topology.js';
import { buildHttpEvent } from './http-event.js';
import { type GatewayResponse, gatewayError, mapHttpResult } from './http-result.js';
import { createRouteMatcher } from './route-matcher.js';
import { serveStatic } from './static-files.js';
import { createRouteThrottle } from './throttle.js';

/** API Gateway HTTP APIs reject payloads over 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpGatewayOptions {
  readonly topology: RuntimeTopology;
  readonly functions: ReadonlyMap<string, Invoke>;
  readonly logger: Logger;
  /** Answers `GET /health`: true when every engine is up and the first-start seed is written. */
  readonly healthy: () => boolean;
  /** Whether routes are served: true once the engines and pollers are up (the seed itself uses them). */
  readonly serving: () => boolean;
  /** Handles `/@connections/{id}` (the WebSocket management API); undefined when not ours. */
  readonly management: (request: IncomingMessage, body: Buffer) => Promise<GatewayResponse | undefined>;
  /** Folder of a built dashboard to serve for unmatched GETs. @default none */
  readonly staticDir?: string;
  /** The dashboard's runtime configuration, served as `GET /config.json`. @default none */
  readonly runtimeConfig?: () => unknown;
  /**
   * Whether routes are throttled by the topology's limits as API Gateway throttles them (429).
   * @default false: tests and benchmarks connect thousands of clients at once
   */
  readonly throttle?: boolean;
}

/**
 * The local HTTP API: routes from the topology with their preflight routes (as the stack declares
 * them), `/health`, `@connections`, and the dashboard.
 */
export function createHttpGateway(options: HttpGatewayOptions): Server {
  const routes = options.topology.httpRoutes;
  const preflights = preflightRoutes(routes);
  const match = createRouteMatcher<{ method: string; path: string; function: string }>([
    ...routes,
    ...preflights,
  ]);
  const classes = httpThrottleClasses(routes, preflights);
  const admit = options.throttle
    ? createRouteThrottle(
        (key) => {
          const throttle = classes.get(key);
          return throttle && throttleLimits[throttle];
        },
        () => performance.now(),
      )
    : () => true;
  // An unknown API path answers API Gateway's 404, not the dashboard's index.html.
  const apiPrefixes = new Set(routes.map((route) => route.path.split('/')[1]));
  const isApiPath = (path: string) => apiPrefixes.has(path.split('/')[1]);
  const respond = async (request: IncomingMessage, body: Buffer): Promise<GatewayResponse> => {
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    const management = await options.management(request, body);
    if (management) return management;
    if (method === 'GET' && path === '/health') {
      return options.healthy()
        ? {
            statusCode: 200,
            headers: { 'content-type': ['application/json'] },
            body: Buffer.from('{"status":"ok"}'),
          }
        : gatewayError(503, 'Service Unavailable');
    }
    if (method === 'GET' && path === '/config.json' && options.runtimeConfig) {
      return {
        statusCode: 200,
        headers: { 'content-type': ['application/json'], 'cache-control': ['no-store'] },
        body: Buffer.from(JSON.stringify(options.runtimeConfig())),
      };
    }
    const matched = match(method, path);
    if (!matched) {
      const file =
        options.staticDir && method === 'GET' && !isApiPath(path)
          ? await serveStatic(options.staticDir, path)
          : undefined;
      return file ?? gatewayError(404, 'Not Found');
    }
    if (!admit(routeKey(matched.route))) {
      options.logger.activity(`${method} ${path} 429 (throttled)`);
      return gatewayError(429, 'Too Many Requests');
    }
    const invoke = options.functions.get(matched.route.function);
    if (!invoke || !options.serving()) return gatewayError(503, 'Service Unavailable');
    const started = performance.now();
    const event = buildHttpEvent({
      method,
      url,
      protocol: `HTTP/${request.httpVersion}`,
      rawHeaders: request.rawHeaders,
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      routeKey: routeKey(matched.route),
      pathParameters: matched.pathParameters,
      requestId: randomUUID(),
      now: new Date(),
      domainName: request.headers.host ?? 'localhost',
      apiId: 'local',
    });
    try {
      const response = mapHttpResult(await invoke(event));
      options.logger.activity(
        `${method} ${path} → ${matched.route.function} ${response.statusCode} ${since(started)}`,
      );
      return response;
    } catch (error) {
      options.logger.activity(
        `${method} ${path} → ${matched.route.function} 500 ${since(started)} (handler error)`,
      );
      options.logger.warn(`${matched.route.function} failed: ${(error as Error).stack ?? String(error)}`);
      return gatewayError(500, 'Internal Server Error');
    }
  };
  return createServer((request, response) => {
    readBody(request)
      .then((body) => (body ? respond(request, body) : gatewayError(413, 'Request Entity Too Large')))
      .then((result) => write(response, result))
      .catch((error: unknown) => {
        options.logger.warn(`gateway error: ${String(error)}`);
        write(response, gatewayError(500, 'Internal Server Error'));
      });
  });
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function write(response: ServerResponse, result: GatewayResponse): void {
  if (response.headersSent) return;
  for (const [name, values] of Object.entries(result.headers)) {
    response.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  }
  response.setHeader('content-length', result.body.length);
  response.statusCode = result.statusCode;
  response.end(result.body);
}
