import { SwitchboardAuthError, SwitchboardSyncError } from './errors.js';
import type { Snapshot } from './flag-store.js';
import type { VersionedItem } from './messages.js';
import { defineOwn } from './own-property.js';
import type { HttpFetch, Timers } from './platform.js';

/** The outcome of one snapshot request: new data, or 304 (what we hold is current). */
export type SnapshotResult =
  | { readonly modified: true; readonly snapshot: Snapshot }
  | { readonly modified: false };

/** Where and how to fetch snapshots. */
export interface SnapshotRequestorConfig {
  readonly baseUrl: string;
  readonly sdkKey: string;
  readonly timeoutMs: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseItems(value: unknown, field: string): Record<string, VersionedItem> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new SwitchboardSyncError(`Snapshot field "${field}" is not an object`);
  const items: Record<string, VersionedItem> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!isRecord(item) || typeof item.version !== 'number') {
      throw new SwitchboardSyncError(`Snapshot item ${field}.${key} has no numeric version`);
    }
    defineOwn(items, key, { ...item, key, version: item.version });
  }
  return items;
}

/**
 * Parses a snapshot document `{ flags: {key: flag}, segments: {key: segment} }`, the shape of both
 * `GET /sdk/v1/flags` and bootstrap data.
 *
 * @example
 * ```ts
 * parseSnapshot({ flags: { beta: { key: 'beta', version: 3, on: true } } }); // segments default to {}
 * ```
 */
export function parseSnapshot(document: unknown): Snapshot {
  if (!isRecord(document)) throw new SwitchboardSyncError('Snapshot is not a JSON object');
  return { flags: parseItems(document.flags, 'flags'), segments: parseItems(document.segments, 'segments') };
}

/**
 * Fetches `GET {baseUrl}/sdk/v1/flags`, remembering the last `ETag` so that a resync of unchanged
 * data costs a 304 instead of the whole environment.
 *
 * @example
 * ```ts
 * const requestor = new SnapshotRequestor({ baseUrl, sdkKey, timeoutMs: 10_000 }, fetch, timers);
 * const result = await requestor.fetch(new AbortController().signal);
 * if (result.modified) store.applySnapshot(result.snapshot);
 * ```
 */
export class SnapshotRequestor {
  private etag: string | undefined;
  private readonly url: string;

  constructor(
    private readonly config: SnapshotRequestorConfig,
    private readonly httpFetch: HttpFetch,
    private readonly timers: Timers,
  ) {
    this.url = `${config.baseUrl.replace(/\/+$/, '')}/sdk/v1/flags`;
  }

  /** Requests the snapshot; rejects with `SwitchboardAuthError` or `SwitchboardSyncError`. */
  async fetch(signal: AbortSignal): Promise<SnapshotResult> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal.addEventListener('abort', abort);
    const timer = this.timers.set(abort, this.config.timeoutMs);
    try {
      const response = await this.httpFetch(this.url, {
        method: 'GET',
        headers: {
          Authorization: this.config.sdkKey,
          Accept: 'application/json',
          'Accept-Encoding': 'gzip',
          ...(this.etag === undefined ? {} : { 'If-None-Match': this.etag }),
        },
        signal: controller.signal,
      });
      if (response.status === 304) return { modified: false };
      if (response.status === 401 || response.status === 403) throw new SwitchboardAuthError(response.status);
      if (response.status !== 200) {
        throw new SwitchboardSyncError(`Snapshot request failed with HTTP ${response.status}`);
      }
      const snapshot = parseSnapshot(await response.json());
      this.etag = response.headers.get('etag') ?? undefined;
      return { modified: true, snapshot };
    } catch (error) {
      if (error instanceof SwitchboardAuthError || error instanceof SwitchboardSyncError) throw error;
      const reason = controller.signal.aborted && !signal.aborted ? 'timed out' : 'failed';
      throw new SwitchboardSyncError(`Snapshot request ${reason}`, { cause: error });
    } finally {
      this.timers.clear(timer);
      signal.removeEventListener('abort', abort);
    }
  }
}
