import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type HttpRoute, routeKey } from '@switchboard/topology';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface EventOptions {
  /** Route template from the topology, e.g. `/api/v1/projects/{project}`. */
  readonly route: Pick<HttpRoute, 'method' | 'path'>;
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
  /** Objects are sent as JSON; strings as they are. */
  readonly body?: unknown;
  readonly base64?: boolean;
}

/**
 * Builds an API Gateway HTTP API payload v2 event as API Gateway sends it: lower-case headers,
 * `routeKey` and `pathParameters` set, `rawQueryString`, cookies split out, optional base64 body.
 */
export function httpEvent(options: EventOptions): APIGatewayProxyEventV2 {
  const params = options.params ?? {};
  const rawPath = options.route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  const text =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = { host: 'api.example.test', 'user-agent': 'vitest' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (text !== undefined) headers['content-type'] ??= 'application/json';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(options.route),
    rawPath,
    rawQueryString,
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers,
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: {
        method: options.route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: randomUUID(),
      routeKey: routeKey(options.route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(text === undefined
      ? { isBase64Encoded: false }
      : options.base64
        ? { body: Buffer.from(text).toString('base64'), isBase64Encoded: true }
        : { body: text, isBase64Encoded: false }),
  };
}

/** The response body as text, decoding base64 and any content encoding. */
export function bodyText(result: APIGatewayProxyStructuredResultV2): string {
  const raw = result.isBase64Encoded
    ? Buffer.from(result.body ?? '', 'base64')
    : Buffer.from(result.body ?? '');
  const encoding = result.headers?.['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(raw).toString();
  if (encoding === 'br') return brotliDecompressSync(raw).toString();
  return raw.toString();
}
