import type { ItemKind } from '@switchboard/core';
import type { FlagStore, ItemChange } from './flag-store.js';
import type { AckMessage, ReceiptRequest, ServerMessage } from './messages.js';

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
  /** Sends an ack (delivery receipts); absent: never acknowledges. */
  acknowledge?(ack: AckMessage): void;
  /** A uniform random number in [0, 1), for sampling acks. @default Math.random */
  random?(): number;
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
  const random = target.random ?? Math.random;
  // Only a change this SDK applied is acknowledged (not a duplicate or an older version), and only
  // flags: receipts are kept per flag.
  const applied = (kind: ItemKind, key: string, version: number, receipt: ReceiptRequest | undefined) => {
    target.onChange({ kind, key });
    if (!receipt || kind !== 'flag' || !target.acknowledge || random() >= receipt.rate) return;
    target.acknowledge({
      action: 'ack',
      kind,
      key,
      version,
      ...(receipt.at === undefined ? {} : { at: receipt.at }),
    });
  };
  return {
    patch: ({ kind, key, version, data, receipt }) => {
      if (target.store.upsert(kind, data)) applied(kind, key, version, receipt);
    },
    delete: ({ kind, key, version, receipt }) => {
      if (target.store.remove(kind, key, version)) applied(kind, key, version, receipt);
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
