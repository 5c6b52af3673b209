import type { ItemKind } from '@switchboard/core';
import { createEvaluator, type Evaluator } from '@switchboard/core';
import type { VersionedItem } from './messages.js';
import { re2Patterns } from './re2-patterns.js';

/** What `GET /sdk/v1/flags` returns and what bootstrap data looks like. */
export interface Snapshot {
  readonly flags: Readonly<Record<string, VersionedItem>>;
  readonly segments: Readonly<Record<string, VersionedItem>>;
}

/** One item whose stored version changed. */
export interface ItemChange {
  readonly kind: ItemKind;
  readonly key: string;
}

// Segments before flags, so that when a listener hears of a flag change the segments it uses are current.
const KINDS: readonly ItemKind[] = ['segment', 'flag'];

/**
 * The SDK's versioned store: the core's evaluator holds the items (so evaluation always reads the
 * latest), and this wrapper adds the snapshot rules of protocol v1.
 */
export class FlagStore {
  readonly evaluator: Evaluator;

  constructor(initial?: Snapshot) {
    this.evaluator = createEvaluator(initial, { patterns: re2Patterns });
  }

  /** Stores `item` if it is newer than what is held (tombstones included). */
  upsert(kind: ItemKind, item: VersionedItem): boolean {
    return this.evaluator.upsert(kind, item);
  }

  /** Leaves a tombstone at `version` if it is newer than what is held. */
  remove(kind: ItemKind, key: string, version: number): boolean {
    return this.evaluator.remove(kind, key, version);
  }

  /** The live items of a kind. */
  items(kind: ItemKind): VersionedItem[] {
    return liveItems(this.evaluator, kind);
  }

  /**
   * Applies a full snapshot: newer items replace older ones, and live items the snapshot lacks get a
   * tombstone one version above the held one, so a late patch for the version we had cannot bring
   * them back while a genuinely newer patch (buffered during the fetch, applied next) still can.
   */
  applySnapshot(snapshot: Snapshot): ItemChange[] {
    const changes: ItemChange[] = [];
    for (const kind of KINDS) {
      const incoming = kind === 'flag' ? snapshot.flags : snapshot.segments;
      for (const [key, item] of Object.entries(incoming)) {
        if (this.upsert(kind, { ...item, key })) changes.push({ kind, key });
      }
      for (const held of liveItems(this.evaluator, kind)) {
        if (!Object.hasOwn(incoming, held.key) && this.remove(kind, held.key, held.version + 1)) {
          changes.push({ kind, key: held.key });
        }
      }
    }
    return changes;
  }
}

function liveItems(evaluator: Evaluator, kind: ItemKind): VersionedItem[] {
  // The core lists live items only; tombstones stay inside it.
  return Object.values(evaluator.all(kind)) as VersionedItem[];
}
