/**
 * The client → server half of WebSocket protocol v1 (`../shared/design/README.md`) and the replies
 * the `$default` route sends. Pure.
 */

export type ClientMessage = { readonly action: 'ping' } | { readonly action: 'identify' };

/** What the server answers on the route response. */
export type ReplyMessage =
  | { readonly type: 'pong' }
  | {
      readonly type: 'error';
      readonly code: 'invalid_message' | 'unknown_action' | 'unsupported_action';
      readonly message: string;
    };

export type ParsedClientMessage =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly reply: ReplyMessage };

const error = (code: Extract<ReplyMessage, { type: 'error' }>['code'], message: string) => ({
  ok: false as const,
  reply: { type: 'error' as const, code, message },
});

/**
 * Reads one client frame. Anything that is not a JSON object with a known `action` becomes an error
 * reply rather than an exception: a bad frame must never crash the route.
 *
 * @example
 * parseClientMessage('{"action":"ping"}'); // → { ok: true, message: { action: 'ping' } }
 */
export function parseClientMessage(body: string | undefined): ParsedClientMessage {
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
  if (action === 'identify') return { ok: true, message: { action: 'identify' } };
  const shown = typeof action === 'string' ? `"${action.slice(0, 64)}"` : String(action);
  return error('unknown_action', `Unknown action ${shown}; this server understands "ping"`);
}

/** The reply to a well-formed client message. */
export function replyTo(message: ClientMessage): ReplyMessage {
  switch (message.action) {
    case 'ping':
      return { type: 'pong' };
    case 'identify':
      // Browser SDK support (server-side evaluation per context) is not built yet.
      return {
        type: 'error',
        code: 'unsupported_action',
        message: '"identify" is not supported yet: browser SDK delivery is not implemented',
      };
  }
}
