import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { ValidationError } from '../errors.js';
import type { HttpHandler } from './app.js';
import { mapError } from './error-mapper.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** What `Headers` accepts (RFC 9110 tokens; values without NUL, CR or LF). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE_FORBIDDEN = /[\0\r\n]/;

/**
 * Makes an event one that Hono's adapter can turn into a `Request`, or names why it cannot. The
 * adapter answers what it cannot convert with a bare text 400 or 500, outside the error shape:
 * a body on a GET (which `Request` forbids; no GET route reads one), a header value with a lone
 * surrogate (its percent-encoding throws), a header `Headers` refuses, a body that claims base64
 * and is not.
 */
function normalise(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 | ValidationError {
  const method = event.requestContext.http.method.toUpperCase();
  let normalised = event;
  if ((method === 'GET' || method === 'HEAD') && event.body !== undefined) {
    const { body: _ignored, ...rest } = event;
    normalised = { ...rest, isBase64Encoded: false };
  } else if (event.isBase64Encoded && event.body && !BASE64.test(event.body)) {
    return new ValidationError('body is marked base64 but is not valid base64', 'body');
  }
  const headers = event.headers ?? {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || (value !== undefined && HEADER_VALUE_FORBIDDEN.test(value))) {
      return new ValidationError(`header ${name.slice(0, 64)} is not a valid HTTP header`, name.slice(0, 64));
    }
  }
  if (Object.values(headers).some((value) => value !== undefined && LONE_SURROGATE.test(value))) {
    normalised = {
      ...normalised,
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, value?.replace(LONE_SURROGATES, '\uFFFD')]),
      ),
    };
  }
  return normalised;
}

/**
 * The Lambda handler (API Gateway HTTP API, payload v2) of a function's Hono app: every answer,
 * including to an event that cannot become a request, is JSON in the documented error shape.
 *
 * @example
 * export const handler = lambdaHandler(createApp('sdk', sdkRoutes, sdkContainer()));
 */
export function lambdaHandler(app: Hono): HttpHandler {
  const serve = handle(app) as unknown as HttpHandler;
  return async (event, context) => {
    const normalised = normalise(event);
    if (normalised instanceof ValidationError) return errorResult(normalised);
    const result = await serve(normalised, context);
    // The app answers JSON or nothing; a text error is the adapter's, for an event it could not read.
    const type = result.headers?.['content-type'];
    if ((result.statusCode ?? 200) >= 400 && typeof type === 'string' && type.startsWith('text/plain')) {
      return errorResult(
        (result.statusCode ?? 500) < 500
          ? new ValidationError('The request could not be read')
          : new Error(`The Lambda adapter failed to read the event: ${result.body}`),
      );
    }
    return result;
  };
}

function errorResult(error: unknown): APIGatewayProxyStructuredResultV2 {
  const { status, body } = mapError(error);
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}
