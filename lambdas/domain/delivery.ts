/**
 * The pure half of delivery: turning flag and segment changes from the flags table's stream into
 * protocol v1 messages, one environment at a time. No AWS in here; the DynamoDB adapter turns stream
 * records into {@link ItemChange}s.
 */
import type { EnvironmentLocator } from '../services/ports.js';
import type { FrameReceipt } from './receipts.js';

export type ItemKind = 'flag' | 'segment';

/** One stream record, reduced to what delivery needs. */
export interface ItemChange extends EnvironmentLocator {
  readonly kind: ItemKind;
  readonly key: string;
  /** The version SDKs order by; for a deletion one above the deleted item's. */
  readonly version: number;
  /** The item as SDKs receive it; undefined when the item was deleted. */
  readonly data?: Readonly<Record<string, unknown>> | undefined;
  /**
   * The item before the change (the record's old image), undefined when it was created. After
   * coalescing: the item before the batch's first change of it, which per-context delivery compares
   * against.
   */
  readonly previous?: Readonly<Record<string, unknown>> | undefined;
  /** When the change was written (epoch ms, the record's approximate creation time), if known. */
  readonly changedAt?: number | undefined;
  /**
   * When the change was written to the millisecond (epoch ms), if known: the written item's own
   * time, or the fast path's commit time. Delivery receipts measure latency from it.
   */
  readonly committedAt?: number | undefined;
  /** The record's `itemIdentifier` for a partial batch failure (its sequence number). */
  readonly sequence: string;
}

/** One environment's changes of a batch, coalesced. */
export interface EnvironmentChanges {
  readonly locator: EnvironmentLocator;
  /** The newest change of each item, segments first, then in stream order. */
  readonly changes: readonly ItemChange[];
  /** Sequence number of the environment's first record in the batch: where a retry must start. */
  readonly firstSequence: string;
  /** The earliest `changedAt` of the environment's records, if any record carries one. */
  readonly firstChangedAt?: number | undefined;
}

/**
 * The version a deleted item's `delete` message carries: it must outrank the deleted version, or an
 * SDK holding that version would ignore the delete. SDKs keep it as a tombstone, so an item created
 * again under the key must start above it.
 */
export const tombstoneVersion = (deletedVersion: number): number => deletedVersion + 1;

export const environmentKey = (locator: EnvironmentLocator): string => `${locator.project}#${locator.env}`;

const KIND_ORDER: Record<ItemKind, number> = { segment: 0, flag: 1 };

/**
 * Groups a batch's changes by environment and keeps, for each item, only the change with the highest
 * version (a batch may hold several edits of one flag; SDKs only need the newest), carrying the item
 * as it was before the batch's first change of it in `previous`. Segments come
 * before flags so that a flag that starts using a new segment finds it; otherwise stream order.
 *
 * @example
 * groupByEnvironment([v3 of a, v4 of a, v1 of b]) // → one environment, [v4 of a, v1 of b]
 */
export function groupByEnvironment(changes: readonly ItemChange[]): EnvironmentChanges[] {
  const groups = new Map<
    string,
    {
      locator: EnvironmentLocator;
      newest: Map<string, { change: ItemChange; order: number; oldest: ItemChange }>;
      first: string;
      firstChangedAt?: number | undefined;
    }
  >();
  changes.forEach((change, order) => {
    const envKey = environmentKey(change);
    let group = groups.get(envKey);
    if (!group) {
      group = {
        locator: { project: change.project, env: change.env },
        newest: new Map(),
        first: change.sequence,
      };
      groups.set(envKey, group);
    }
    if (change.changedAt !== undefined) {
      group.firstChangedAt = Math.min(group.firstChangedAt ?? change.changedAt, change.changedAt);
    }
    const itemKey = `${change.kind}#${change.key}`;
    const held = group.newest.get(itemKey);
    const oldest = held && held.oldest.version < change.version ? held.oldest : change;
    if (!held || change.version > held.change.version) {
      group.newest.set(itemKey, { change, order: held ? Math.min(held.order, order) : order, oldest });
    } else {
      held.oldest = oldest;
    }
  });
  return [...groups.values()].map((group) => ({
    locator: group.locator,
    firstSequence: group.first,
    ...(group.firstChangedAt === undefined ? {} : { firstChangedAt: group.firstChangedAt }),
    changes: [...group.newest.values()]
      .sort((a, b) => KIND_ORDER[a.change.kind] - KIND_ORDER[b.change.kind] || a.order - b.order)
      .map(({ change, oldest }) => (oldest === change ? change : { ...change, previous: oldest.previous })),
  }));
}

/** Server → SDK messages of protocol v1 that fan-out sends. */
export type DeliveryMessage =
  | {
      readonly type: 'patch';
      readonly kind: ItemKind;
      readonly key: string;
      readonly version: number;
      readonly data: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'delete'; readonly kind: ItemKind; readonly key: string; readonly version: number }
  | { readonly type: 'refetch' };

export const REFETCH: string = JSON.stringify({ type: 'refetch' });

/** API Gateway refuses WebSocket frames (and `@connections` posts) over 128 KB. */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/** A change's message; with `receipt`, the fields that ask the SDK to acknowledge it. */
export function messageFor(change: ItemChange, receipt?: FrameReceipt): DeliveryMessage {
  const { kind, key, version } = change;
  const message: DeliveryMessage =
    change.data === undefined
      ? { type: 'delete', kind, key, version }
      : { type: 'patch', kind, key, version, data: change.data };
  return receipt === undefined ? message : { ...message, ...receipt };
}

const utf8 = new TextEncoder();
export const byteLength = (text: string): number => utf8.encode(text).length;

/**
 * Serialises an environment's changes, one frame each, in order. A frame over `maxBytes` cannot be
 * sent: it is dropped and a single `refetch` goes last instead, so the SDK fetches the snapshot
 * (which has no size limit) after the changes it could receive.
 */
export function encodeMessages(
  changes: readonly ItemChange[],
  maxBytes = MAX_MESSAGE_BYTES,
  receipt: (change: ItemChange) => FrameReceipt | undefined = () => undefined,
): string[] {
  const frames: string[] = [];
  let refetch = false;
  for (const change of changes) {
    const frame = JSON.stringify(messageFor(change, receipt(change)));
    if (byteLength(frame) > maxBytes) refetch = true;
    else frames.push(frame);
  }
  if (refetch) frames.push(REFETCH);
  return frames;
}
