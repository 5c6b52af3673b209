import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { apiGatewayTime } from '../clock-format.js';

export interface HttpRequestFacts {
  readonly method: string;
  /** Path and query as received, e.g. `/api/v1/flags?x=1`. */
  readonly url: string;
  readonly protocol: string;
  /** Node's header list (`rawHeaders`): names as sent, repeated headers kept. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
  readonly requestId: string;
  readonly now: Date;
  readonly domainName: string;
  readonly apiId: string;
}

/** Content types API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

export const isTextContentType = (contentType: string | undefined): boolean =>
  contentType === undefined || TEXT_TYPES.test(contentType.trim());

/**
 * Builds an API Gateway HTTP API payload v2 event: headers lower-cased with repeats joined by commas,
 * cookies moved out of the headers into `cookies`, repeated query parameters joined by commas, and
 * optional members left out when empty, as API Gateway does.
 */
export function buildHttpEvent(request: HttpRequestFacts): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] as string).toLowerCase();
    const value = request.rawHeaders[i + 1] as string;
    if (name === 'cookie')
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = key in query ? `${query[key]},${value}` : value;
  }
  const text = isTextContentType(headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: request.apiId,
      domainName: request.domainName,
      domainPrefix: request.domainName.split('.')[0] ?? request.domainName,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: request.routeKey,
      stage: '$default',
      time: apiGatewayTime(request.now),
      timeEpoch: request.now.getTime(),
    },
    isBase64Encoded: request.body.length > 0 && !text,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(request.pathParameters).length > 0) event.pathParameters = request.pathParameters;
  if (request.body.length > 0) event.body = request.body.toString(text ? 'utf8' : 'base64');
  return event;
}
