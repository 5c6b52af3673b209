import type { Context } from 'hono';
import type { z } from 'zod/mini';
import { eventKeyParamSchema } from '../domain/event-schemas.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../domain/json.js';
import { resourceKey } from '../domain/schemas.js';
import { parseWith } from '../domain/validation.js';
import { PayloadTooLargeError, ValidationError } from '../errors.js';

/** Bodies above this are refused before parsing (API Gateway itself allows 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Reads the body as JSON; an empty body reads as `{}` so that schemas name the missing fields. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  if (bytes.byteLength === 0) return {};
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
 * The path parameters, each a key or id as the API makes them (`path.flag` names a bad one): a
 * longer or stranger value names nothing, and the store would refuse it as a key. Event keys are
 * named by applications (`track()`), so they follow the ingest rule instead.
 */
export function readPathParams(c: Context): Record<string, string> {
  const params = c.req.param() as Record<string, string>;
  for (const [name, value] of Object.entries(params)) {
    parseWith(name === 'eventKey' ? eventKeyParamSchema : resourceKey, value, `path.${name}`);
  }
  return params;
}

/** Query parameters as one string each (the last wins), validated by `schema`. */
export function readQuery<S extends z.core.$ZodType>(c: Context, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(c.req.url).searchParams);
  return parseWith(schema, params, 'query');
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; absent → undefined. */
export function readIfMatch(c: Context): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new ValidationError('If-Match must be a resource version, e.g. If-Match: 3', 'If-Match');
  return Number(match[1]);
}
