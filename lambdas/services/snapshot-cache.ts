import { createHash } from 'node:crypto';
import type { EvaluationFlag, EvaluationSegment } from '../domain/response-schemas.js';
import type { Clock, EnvironmentContents, EnvironmentGeneration, EnvironmentLocator } from './ports.js';

/** One environment's flags and segments as SDKs receive them, with a validator for conditional GETs. */
export interface EnvironmentSnapshot {
  readonly flags: ReadonlyMap<string, EvaluationFlag>;
  readonly segments: ReadonlyMap<string, EvaluationSegment>;
  /** Strong ETag, quoted; changes whenever any item's key or version does. */
  readonly etag: string;
  /** `{ flags: {key: flag}, segments: {key: segment} }` serialised once per snapshot. */
  readonly json: string;
  /** When the read behind this snapshot began (epoch ms on the cache's clock). */
  readonly readAt: number;
}

export type SnapshotSource = (locator: EnvironmentLocator) => Promise<EnvironmentContents>;

interface Entry {
  /** The incarnation the entry holds; a different one starts the entry afresh. */
  generation: string | undefined;
  snapshot?: EnvironmentSnapshot;
  fetchedAt: number;
  inflight?: Promise<EnvironmentSnapshot>;
  inflightSince?: number;
}

/** Keeps, per key, whichever item has the higher version; keys missing from `fresh` were deleted. */
function mergeByVersion<T extends { key: string; version: number }>(
  served: ReadonlyMap<string, T> | undefined,
  fresh: readonly T[],
): Map<string, T> {
  return new Map(
    fresh.map((item) => {
      const previous = served?.get(item.key);
      return [item.key, previous && previous.version > item.version ? previous : item];
    }),
  );
}

function snapshotOf(
  generation: string | undefined,
  flags: Map<string, EvaluationFlag>,
  segments: Map<string, EvaluationSegment>,
  readAt: number,
): EnvironmentSnapshot {
  // The generation is part of the tag: a re-created environment's items restart at version 1, and
  // an ETag held from the deleted one must not match them.
  const versions = [
    `g:${generation ?? ''}`,
    ...[...flags.values()].map((f) => `f:${f.key}:${f.version}`),
    ...[...segments.values()].map((s) => `s:${s.key}:${s.version}`),
  ].sort();
  const etag = `"${createHash('sha1').update(versions.join('\n')).digest('base64url')}"`;
  const json = JSON.stringify({ flags: Object.fromEntries(flags), segments: Object.fromEntries(segments) });
  return { flags, segments, etag, json, readAt };
}

const withoutMeta = ({
  meta: _meta,
  ...segment
}: EnvironmentContents['segments'][number]): EvaluationSegment => segment;

/**
 * Per-environment in-memory snapshots for the SDK endpoint. A snapshot younger than `ttlMs` is served
 * as is; concurrent misses share one load; and a refresh never replaces an item with an older
 * version than one already served, so an SDK never sees a flag go back in time. Entries belong to one
 * generation of the environment: a request for another (the environment was deleted and created
 * again) never sees what was cached for the deleted one.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly source: SnapshotSource,
    private readonly clock: Clock,
    private readonly ttlMs = 1_000,
  ) {}

  get(locator: EnvironmentGeneration): Promise<EnvironmentSnapshot> {
    const entry = this.entry(locator);
    const fresh = entry.snapshot && this.clock.now().getTime() - entry.fetchedAt < this.ttlMs;
    if (fresh && entry.snapshot) return Promise.resolve(entry.snapshot);
    return entry.inflight ?? this.load(locator, entry);
  }

  /**
   * A snapshot read from the source at or after `since` (epoch ms on this cache's clock), sharing a
   * load already in flight when it started late enough. Browser identify uses it so that a change
   * written before the context was stored is always in the answer.
   */
  getSince(locator: EnvironmentGeneration, since: number): Promise<EnvironmentSnapshot> {
    const entry = this.entry(locator);
    if (entry.snapshot && entry.fetchedAt >= since) return Promise.resolve(entry.snapshot);
    if (entry.inflight && (entry.inflightSince ?? 0) >= since) return entry.inflight;
    return this.load(locator, entry);
  }

  private entry(locator: EnvironmentGeneration): Entry {
    const id = `${locator.project}\u0000${locator.env}`;
    const held = this.entries.get(id);
    if (held && held.generation === locator.generation) return held;
    // One entry per environment: the newest generation asked for replaces any other.
    const entry: Entry = { generation: locator.generation, fetchedAt: 0 };
    this.entries.set(id, entry);
    return entry;
  }

  private load(locator: EnvironmentLocator, entry: Entry): Promise<EnvironmentSnapshot> {
    const startedAt = this.clock.now().getTime();
    const load = this.refresh(locator, entry, startedAt).finally(() => {
      if (entry.inflight === load) entry.inflight = undefined;
    });
    entry.inflight = load;
    entry.inflightSince = startedAt;
    return load;
  }

  private async refresh(
    locator: EnvironmentLocator,
    entry: Entry,
    startedAt: number,
  ): Promise<EnvironmentSnapshot> {
    const contents = await this.source(locator);
    const snapshot = snapshotOf(
      entry.generation,
      mergeByVersion(entry.snapshot?.flags, contents.flags),
      mergeByVersion(entry.snapshot?.segments, contents.segments.map(withoutMeta)),
      startedAt,
    );
    // Two loads may overlap (a later `since`); the newer read wins, and versions never go back.
    if (startedAt >= entry.fetchedAt || !entry.snapshot) {
      entry.snapshot = snapshot;
      entry.fetchedAt = startedAt;
    }
    return snapshot;
  }
}
