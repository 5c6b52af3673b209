import type { Clock } from './ports.js';

/**
 * A small map whose entries expire after `ttlMs`; the oldest entry goes when `maxEntries` is reached.
 * Used for credential lookups, so a revoked credential stops working within `ttlMs` everywhere.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  /** Keys the loader did not find, kept apart so a flood of misses never evicts a hit. */
  private readonly misses: TtlCache<true> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    /** How long a miss is remembered; 0 remembers none. @default 0 */
    missTtlMs = 0,
  ) {
    this.misses = missTtlMs > 0 ? new TtlCache<true>(clock, missTtlMs, maxEntries) : undefined;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.clock.now().getTime()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expires: this.clock.now().getTime() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
    this.misses?.delete(key);
  }

  /** Returns the cached value or loads it; a miss is remembered for the miss TTL, if any. */
  async getOrLoad(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const cached = this.get(key);
    if (cached !== undefined || this.misses?.get(key)) return cached;
    const loaded = await load();
    if (loaded !== undefined) this.set(key, loaded);
    else this.misses?.set(key, true);
    return loaded;
  }
}
