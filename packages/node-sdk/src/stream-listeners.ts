import type { FlagStore, ItemChange } from './flag-store.js';
import type { ServerMessage } from './messages.js';

/** One listener per message type, each receiving its own message shape. */
export type StreamListeners = {
  readonly [T in ServerMessage['type']]: (message: Extract<ServerMessage, { type: T }>) => void;
};

/** What the listeners act on. */
export interface StreamListenerTarget {
  readonly store: FlagStore;
  /** Told of every item whose stored version changed. */
  onChange(change: ItemChange): void;
  /** Asked to fetch a fresh snapshot. */
  refetch(): void;
}

/**
 * Maps each protocol v1 message type to what it does to the store. Versions decide everything:
 * duplicates and out-of-order messages fail the store's newer-version check and change nothing.
 *
 * @example
 * ```ts
 * const listeners = createStreamListeners({ store, onChange: console.log, refetch: () => resync() });
 * dispatchMessage(listeners, { type: 'delete', kind: 'flag', key: 'beta', version: 8 });
 * ```
 */
export function createStreamListeners(target: StreamListenerTarget): StreamListeners {
  return {
    patch: ({ kind, key, data }) => {
      if (target.store.upsert(kind, data)) target.onChange({ kind, key });
    },
    delete: ({ kind, key, version }) => {
      if (target.store.remove(kind, key, version)) target.onChange({ kind, key });
    },
    refetch: () => target.refetch(),
    // Liveness is recorded for every frame on receipt; a pong carries nothing else.
    pong: () => {},
  };
}

/** Hands `message` to the listener for its type. */
export function dispatchMessage(listeners: StreamListeners, message: ServerMessage): void {
  (listeners[message.type] as (message: ServerMessage) => void)(message);
}
