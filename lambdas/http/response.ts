import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2;

/**
 * An answer a route builds itself, when it needs headers, a status or an encoding of its own (a
 * compressed snapshot, a 304); other routes return their JSON body.
 *
 * @example
 * return new RawResponse(304, { etag: '"3"' });
 */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly headers: Readonly<Record<string, string>>,
    readonly body?: Uint8Array | string,
  ) {}
}

/**
 * A JSON answer; `undefined` (a 204's) has no body.
 *
 * @example
 * jsonResult(201, project); // { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{…}' }
 */
export function jsonResult(status: number, value: unknown, headers: Record<string, string> = {}): HttpResult {
  if (value === undefined) return { statusCode: status, headers, body: '', isBase64Encoded: false };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
    isBase64Encoded: false,
  };
}

/**
 * A route's own answer as API Gateway takes it: encoded (compressed) bodies travel in base64, as
 * API Gateway expects binary payloads.
 *
 * @example
 * rawResult(new RawResponse(200, { 'content-encoding': 'br' }, bytes)); // isBase64Encoded: true
 */
export function rawResult(response: RawResponse): HttpResult {
  const { status, headers, body } = response;
  const encoding = headers['content-encoding'];
  const binary = encoding !== undefined && encoding !== 'identity';
  const text =
    body === undefined
      ? ''
      : typeof body === 'string'
        ? binary
          ? Buffer.from(body).toString('base64')
          : body
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString(binary ? 'base64' : 'utf8');
  return { statusCode: status, headers: { ...headers }, body: text, isBase64Encoded: binary };
}
