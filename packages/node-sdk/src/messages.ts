import type { ItemKind } from '@switchboard/core';

/** A flag or segment as it travels over the wire; the core validates the rest. */
export interface VersionedItem {
  readonly key: string;
  readonly version: number;
  readonly deleted?: boolean;
  readonly [field: string]: unknown;
}

/**
 * A change's delivery receipt request (the environment opted in): acknowledge applying it with
 * probability `rate`, echoing `at`.
 */
export interface ReceiptRequest {
  readonly rate: number;
  /** The change's commit time (epoch ms), echoed in the ack for the server to measure latency. */
  readonly at?: number | undefined;
}

/** `{"type":"patch"}`: an item was created or changed. */
export interface PatchMessage {
  readonly type: 'patch';
  readonly kind: ItemKind;
  readonly key: string;
  readonly version: number;
  readonly data: VersionedItem;
  readonly receipt?: ReceiptRequest | undefined;
}

/** `{"type":"delete"}`: an item was deleted; the SDK keeps a tombstone at `version`. */
export interface DeleteMessage {
  readonly type: 'delete';
  readonly kind: ItemKind;
  readonly key: string;
  readonly version: number;
  readonly receipt?: ReceiptRequest | undefined;
}

/** `{"action":"ack"}`: the SDK applied a change whose frame asked for a receipt. */
export interface AckMessage {
  readonly action: 'ack';
  readonly kind: ItemKind;
  readonly key: string;
  readonly version: number;
  readonly at?: number | undefined;
}

/** `{"type":"refetch"}`: the change did not fit in one message, or the server asks for a resync. */
export interface RefetchMessage {
  readonly type: 'refetch';
}

/** `{"type":"pong"}`: the answer to `{"action":"ping"}`. */
export interface PongMessage {
  readonly type: 'pong';
}

/** Every server → server-SDK message of protocol v1. */
export type ServerMessage = PatchMessage | DeleteMessage | RefetchMessage | PongMessage;

/** The keep-alive the SDK sends; API Gateway routes it by `action`. */
export const PING_MESSAGE = JSON.stringify({ action: 'ping' });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isKind = (value: unknown): value is ItemKind => value === 'flag' || value === 'segment';

const isVersion = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The frame's receipt fields: `ack` (the sampling rate, 0–1) and `at`. */
function receiptOf(message: Record<string, unknown>): { receipt?: ReceiptRequest } {
  const { ack, at } = message;
  if (typeof ack !== 'number' || !(ack > 0 && ack <= 1)) return {};
  const time = typeof at === 'number' && Number.isSafeInteger(at) && at > 0 ? { at } : {};
  return { receipt: { rate: ack, ...time } };
}

const hasItemAddress = (
  message: Record<string, unknown>,
): message is Record<string, unknown> & { kind: ItemKind; key: string; version: number } =>
  isKind(message.kind) && typeof message.key === 'string' && message.key !== '' && isVersion(message.version);

/**
 * Parses one WebSocket frame. Returns `undefined` for anything that is not a well-formed v1 message,
 * including types added by later protocol versions, which an older SDK must ignore.
 *
 * @example
 * ```ts
 * parseServerMessage('{"type":"delete","kind":"flag","key":"beta","version":7}');
 * // → { type: 'delete', kind: 'flag', key: 'beta', version: 7 }
 * ```
 */
export function parseServerMessage(frame: string): ServerMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return undefined;
  }
  if (!isRecord(message)) return undefined;
  switch (message.type) {
    case 'patch':
      if (!hasItemAddress(message) || !isRecord(message.data)) return undefined;
      // The envelope's key and version are the ones the server ordered by; make the item agree.
      return {
        type: 'patch',
        kind: message.kind,
        key: message.key,
        version: message.version,
        data: { ...message.data, key: message.key, version: message.version },
        ...receiptOf(message),
      };
    case 'delete':
      if (!hasItemAddress(message)) return undefined;
      return {
        type: 'delete',
        kind: message.kind,
        key: message.key,
        version: message.version,
        ...receiptOf(message),
      };
    case 'refetch':
      return { type: 'refetch' };
    case 'pong':
      return { type: 'pong' };
    default:
      return undefined;
  }
}
