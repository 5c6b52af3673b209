/**
 * The client → server half of WebSocket protocol v1 (`../shared/design/README.md`, with browser
 * delivery's `identify`) and the replies the `$default` route sends. Pure.
 */
import { fitsContextLimit, MAX_CONTEXT_BYTES } from './context-limits.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import { type AckMessage, parseAck } from './receipts.js';

/** A browser's `identify`: the context to evaluate, and the `id` every answer for it carries. */
export interface IdentifyMessage {
  readonly action: 'identify';
  /** Positive integer, increasing per socket. */
  readonly id: number;
  readonly context: unknown;
  /** Secure mode's HMAC of the context's canonical key, made by the customer's server. */
  readonly hash?: string | undefined;
}

export type ClientMessage = { readonly action: 'ping' } | IdentifyMessage | AckMessage;

export type ErrorCode =
  | 'invalid_message'
  | 'unknown_action'
  | 'unsupported_action'
  | 'invalid_context'
  | 'context_too_large'
  | 'secure_mode_hash_required'
  | 'invalid_hash'
  /** The server could not answer (storage unavailable): the client may identify again. */
  | 'unavailable';

/** What the server answers on the route response. */
export type ReplyMessage =
  | { readonly type: 'pong' }
  | {
      readonly type: 'error';
      /** The identify this answers, when the message had a valid `id`. */
      readonly id?: number;
      readonly code: ErrorCode;
      readonly message: string;
    };

export type ParsedClientMessage =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly reply: ReplyMessage };

/** An error reply, for `id` when known. */
export const errorReply = (code: ErrorCode, message: string, id?: number): ReplyMessage =>
  id === undefined ? { type: 'error', code, message } : { type: 'error', id, code, message };

const error = (code: ErrorCode, message: string, id?: number) => ({
  ok: false as const,
  reply: errorReply(code, message, id),
});

function parseIdentify(message: Record<string, unknown>): ParsedClientMessage {
  const { id, context, hash } = message;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    return error('invalid_message', '"identify" needs an "id": a positive integer, increasing per socket');
  }
  if (context === undefined) return error('invalid_context', '"identify" needs a "context"', id);
  // Measured before it is validated, so an oversized context costs no more than its serialisation.
  if (!fitsContextLimit(context)) {
    return error('context_too_large', `A context may be at most ${MAX_CONTEXT_BYTES} bytes of JSON`, id);
  }
  if (hash !== undefined && typeof hash !== 'string') {
    return error('invalid_hash', '"hash" is the hex HMAC-SHA256 made by your server', id);
  }
  return { ok: true, message: { action: 'identify', id, context, ...(hash === undefined ? {} : { hash }) } };
}

/**
 * Reads one client frame. Anything that is not a JSON object with a known `action` becomes an error
 * reply rather than an exception: a bad frame must never crash the route.
 *
 * @example
 * parseClientMessage('{"action":"ping"}'); // → { ok: true, message: { action: 'ping' } }
 */
export function parseClientMessage(body: string | undefined): ParsedClientMessage {
  // Contexts are validated and evaluated recursively: a deep one must not reach them.
  if (nestsDeeperThan(body ?? '', MAX_JSON_DEPTH)) {
    return error('invalid_message', `Messages may nest at most ${MAX_JSON_DEPTH} levels`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return error('invalid_message', 'Messages are JSON objects with an "action"');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return error('invalid_message', 'Messages are JSON objects with an "action"');
  }
  const action = (parsed as { action?: unknown }).action;
  if (action === 'ping') return { ok: true, message: { action: 'ping' } };
  if (action === 'identify') return parseIdentify(parsed as Record<string, unknown>);
  if (action === 'ack') {
    const ack = parseAck(parsed as Record<string, unknown>);
    return ack.ok ? { ok: true, message: ack.ack } : error('invalid_message', `"ack": ${ack.problem}`);
  }
  // Never String() an object from the wire: its "toString" may be anything.
  const shown =
    typeof action === 'string'
      ? `"${action.slice(0, 64)}"`
      : typeof action === 'object' && action !== null
        ? `of type ${Array.isArray(action) ? 'array' : 'object'}`
        : String(action);
  return error(
    'unknown_action',
    `Unknown action ${shown}; this server understands "ping", "identify" and "ack"`,
  );
}
