import { isObject, type JsonObject } from './nulls.js';

/** An item as stored: anything object-shaped, with its key and version settled. */
export type LooseItem = JsonObject & { readonly key: string; readonly version: number };

interface Versioned {
  readonly key: string;
  readonly version: number;
  readonly source: unknown;
}

interface Tombstone {
  readonly key: string;
  readonly version: number;
  readonly deleted: true;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Items of one kind (flags or segments) by key, each compiled on its own when it arrives. Deletions
 * leave tombstones so that a late, older update cannot resurrect an item.
 */
export class VersionedStore<T extends Versioned> {
  private readonly live = new Map<string, T>();
  private readonly tombstones = new Map<string, Tombstone>();
  /**
   * Bumped on every change, so that compiled code can cache what it looked up by key (a
   * prerequisite's flag, a clause's segments) and re-read it only after a change.
   */
  generation = 0;

  constructor(
    /** Deep copy with model `null`s dropped (see nulls.ts). */
    private readonly normalize: (item: unknown) => unknown,
    private readonly compile: (source: LooseItem) => T,
  ) {}

  get(key: string): T | undefined {
    return this.live.get(key);
  }

  version(key: string): number | undefined {
    return (this.live.get(key) ?? this.tombstones.get(key))?.version;
  }

  /** Stores `item` when its version is newer than what is stored; `key` stands in for a missing `item.key`. */
  upsert(item: unknown, key?: string): boolean {
    if (!isObject(item)) return false;
    const itemKey = typeof item.key === 'string' ? item.key : key;
    if (itemKey === undefined) return false;
    const version = typeof item.version === 'number' ? item.version : 0;
    if (!this.isNewer(itemKey, version)) return false;
    if (item.deleted === true) {
      this.bury(itemKey, version);
      return true;
    }
    const source = deepFreeze({ ...(this.normalize(item) as JsonObject), key: itemKey, version });
    this.tombstones.delete(itemKey);
    this.live.set(itemKey, this.compile(source));
    this.generation += 1;
    return true;
  }

  remove(key: string, version: number): boolean {
    if (!this.isNewer(key, version)) return false;
    this.bury(key, version);
    return true;
  }

  values(): IterableIterator<T> {
    return this.live.values();
  }

  all(): Record<string, T['source']> {
    return Object.fromEntries([...this.live].map(([key, item]) => [key, item.source]));
  }

  private isNewer(key: string, version: number): boolean {
    const current = this.version(key);
    return current === undefined || version > current;
  }

  private bury(key: string, version: number): void {
    this.live.delete(key);
    this.tombstones.set(key, Object.freeze({ key, version, deleted: true }));
    this.generation += 1;
  }
}
