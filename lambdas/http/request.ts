import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../domain/json-depth.js';
import { pathParamProblem } from '../domain/key-rules.js';
import { PayloadTooLargeError, ValidationError } from '../errors.js';

/** Bodies above this are refused before parsing (API Gateway itself allows 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** RFC 9110 tokens, as a browser or proxy would send them; values without NUL, CR or LF. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE_FORBIDDEN = /[\0\r\n]/;

/**
 * What a route reads of an API Gateway payload v2 event, checked once: header names lower-cased
 * (API Gateway sends them so; tests and other hosts may not), lone surrogates in header values
 * replaced by U+FFFD, a body on a GET or HEAD ignored (no such route reads one), a body marked
 * base64 that is not refused.
 */
export interface HttpRequest {
  readonly method: string;
  /** The header's value, by case-insensitive name. */
  readonly header: (name: string) => string | undefined;
  /** The event's `rawQueryString`, parsed with repeats kept (management routes refuse them). */
  readonly query: URLSearchParams;
  /** API Gateway's `pathParameters` (already decoded). */
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  /** The body's bytes; undefined when there is none. */
  readonly body: Buffer | undefined;
}

/**
 * Reads `event` into an {@link HttpRequest}, or throws a `ValidationError` naming what cannot be read.
 *
 * @example
 * const request = readRequest(event);
 * const etag = request.header('If-None-Match');
 */
export function readRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const method = event.requestContext.http.method.toUpperCase();
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value === undefined) continue;
    if (!HEADER_NAME.test(name) || HEADER_VALUE_FORBIDDEN.test(value)) {
      const shown = name.slice(0, 64);
      throw new ValidationError(`header ${shown} is not a valid HTTP header`, shown);
    }
    headers.set(name.toLowerCase(), value.replace(LONE_SURROGATES, '\uFFFD'));
  }
  if (event.cookies?.length && !headers.has('cookie')) headers.set('cookie', event.cookies.join('; '));
  return {
    method,
    header: (name) => headers.get(name.toLowerCase()),
    query: new URLSearchParams(event.rawQueryString ?? ''),
    pathParameters: event.pathParameters ?? {},
    body: method === 'GET' || method === 'HEAD' ? undefined : bodyOf(event),
  };
}

function bodyOf(event: APIGatewayProxyEventV2): Buffer | undefined {
  if (!event.body) return undefined;
  if (!event.isBase64Encoded) return Buffer.from(event.body, 'utf8');
  if (!BASE64.test(event.body)) {
    throw new ValidationError('body is marked base64 but is not valid base64', 'body');
  }
  return Buffer.from(event.body, 'base64');
}

/** Reads the body as JSON; an empty body reads as `{}` so that schemas name the missing fields. */
export function readJsonBody(request: HttpRequest): unknown {
  const bytes = request.body;
  if (!bytes || bytes.byteLength === 0) return {};
  if (bytes.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('body is not valid UTF-8', 'body');
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new ValidationError(`body nests deeper than ${MAX_JSON_DEPTH} levels`, 'body');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`body is not valid JSON: ${(error as Error).message}`, 'body');
  }
}

/**
 * The path parameters `names`, each a key or id as the API makes them (`path.flag` names a bad one):
 * a longer or stranger value names nothing, and the store would refuse it as a key. Event keys are
 * named by applications (`track()`), so they follow the ingest rule instead.
 */
export function readPathParams(request: HttpRequest, names: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of names) {
    const value = request.pathParameters[name] ?? '';
    const problem = pathParamProblem(name, value);
    if (problem) throw new ValidationError(`path.${name}: ${problem}`, `path.${name}`);
    params[name] = value;
  }
  return params;
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; absent → undefined. */
export function readIfMatch(request: HttpRequest): number | undefined {
  const header = request.header('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new ValidationError('If-Match must be a resource version, e.g. If-Match: 3', 'If-Match');
  return Number(match[1]);
}
