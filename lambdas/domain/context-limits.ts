import { byteLength } from './delivery.js';

/**
 * The largest context, as serialised JSON, that the server evaluates or stores for a caller. Contexts
 * come from anyone holding a public client-side id; the cap bounds the work one request can ask
 * for (attribute values are what `matches` and the other operators read) and the size of a
 * connection's stored context. LaunchDarkly's browser SDK contexts are far below it.
 */
export const MAX_CONTEXT_BYTES = 8 * 1024;

/** Whether `context` fits {@link MAX_CONTEXT_BYTES} once serialised. */
export const fitsContextLimit = (context: unknown): boolean =>
  byteLength(JSON.stringify(context) ?? '') <= MAX_CONTEXT_BYTES;
