import { canonicalKey } from '@switchboard/core';
import type { StorageLike } from './platform.js';
import type { FlagResult } from './values.js';

/** Contexts whose values are kept per environment; the least recently written goes first. */
const MAX_CONTEXTS = 5;

/**
 * The last values received per context, in `localStorage`, so a returning visitor sees them before
 * the connection is up instead of the defaults. Storage errors (quota, privacy modes) only lose the
 * cache, never the client.
 *
 * @example
 * ```ts
 * const cache = new ValueCache(localStorage, 'client-side-id');
 * cache.write({ kind: 'user', key: 'ada' }, values.results());
 * cache.read({ kind: 'user', key: 'ada' }); // → the same results, on the next visit too
 * ```
 */
export class ValueCache {
  private readonly prefix: string;

  constructor(
    private readonly storage: StorageLike | undefined,
    clientSideId: string,
  ) {
    this.prefix = `switchboard:${clientSideId}:`;
  }

  read(context: unknown): Record<string, FlagResult> | undefined {
    try {
      const id = canonicalKey(context);
      const raw = id === undefined ? null : this.storage?.getItem(this.prefix + id);
      return raw ? (JSON.parse(raw) as Record<string, FlagResult>) : undefined;
    } catch {
      return undefined;
    }
  }

  write(context: unknown, results: Record<string, FlagResult>): void {
    const storage = this.storage;
    try {
      const id = canonicalKey(context);
      if (id === undefined || !storage) return;
      const indexKey = `${this.prefix}$index`;
      const index = (JSON.parse(storage.getItem(indexKey) ?? '[]') as string[]).filter((k) => k !== id);
      index.push(id);
      for (const old of index.splice(0, Math.max(0, index.length - MAX_CONTEXTS))) {
        storage.removeItem(this.prefix + old);
      }
      storage.setItem(this.prefix + id, JSON.stringify(results));
      storage.setItem(indexKey, JSON.stringify(index));
    } catch {
      // A full or unavailable storage (or an unreadable context) costs only the cache.
    }
  }
}
