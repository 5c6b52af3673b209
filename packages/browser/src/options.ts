import type { Bootstrap } from './bootstrap.js';
import { SwitchboardError } from './errors.js';
import type { EventsConfig } from './events.js';
import type { Logger } from './logger.js';
import type { BrowserPlatform } from './platform.js';
import type { StreamConfig } from './stream.js';

/**
 * Options of {@link initialize}. Durations are in milliseconds.
 *
 * @example
 * ```ts
 * const options: SwitchboardOptions = {
 *   baseUrl: 'https://api.flags.example.com',
 *   streamUrl: 'wss://stream.flags.example.com',
 *   bootstrap: window.__FLAGS__,
 * };
 * ```
 */
export interface SwitchboardOptions {
  /** Base URL of the HTTP API (evaluate fallback, events). */
  readonly baseUrl?: string;
  /** URL of the WebSocket API (`wss://…`). */
  readonly streamUrl?: string;
  /**
   * One origin serving both (a proxy in front of the HTTP and WebSocket APIs): `baseUrl` is `url`,
   * `streamUrl` is `url` with `http` → `ws`.
   */
  readonly url?: string;
  /** Values to show before the first live ones: LaunchDarkly's `allFlagsState().toJSON()` or `{ key: value }`. */
  readonly bootstrap?: Bootstrap;
  /** Secure mode: HMAC-SHA256 of the context's canonical key, made by your server with the SDK key. */
  readonly hash?: string;
  /** Keep a WebSocket open for live values; `false` fetches once per identify. @default true */
  readonly streaming?: boolean;
  /** Remember the last values per context in `localStorage`, shown until live ones arrive. @default true */
  readonly cache?: boolean;
  /** Send evaluation counts and `track` events. @default true */
  readonly sendEvents?: boolean;
  /** Between event flushes, in milliseconds as in LaunchDarkly's JavaScript SDK. @default 10000 */
  readonly flushInterval?: number;
  /** `track` events held between flushes. @default 100 */
  readonly eventCapacity?: number;
  /** Between polls of the evaluate endpoint once WebSockets have failed. @default 60000 */
  readonly pollInterval?: number;
  /** WebSocket attempts in a row that never open before the client polls instead. @default 3 */
  readonly maxWebSocketFailures?: number;
  /** @default basicLogger(): warnings and errors only */
  readonly logger?: Logger;
  /** Protocol timings; the defaults are the protocol's and rarely worth changing. */
  readonly stream?: Partial<Omit<StreamConfig, 'url'>>;
  /** Replacements for browser capabilities (tests, web views). @default browserPlatform() */
  readonly platform?: Partial<BrowserPlatform>;
}

const MINUTE = 60_000;

/** The URLs and settings a client runs with, defaults filled in. */
export interface ResolvedOptions {
  /** `POST {baseUrl}/sdk/v1/evaluate/{clientSideId}`. */
  readonly evaluateUrl: string;
  readonly stream: StreamConfig;
  readonly events: EventsConfig | undefined;
  readonly pollIntervalMs: number;
  readonly maxWebSocketFailures: number;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/**
 * Fills in defaults and checks the URLs; throws {@link SwitchboardError} (`invalid_options`) for
 * options that cannot work.
 *
 * @example
 * ```ts
 * resolveOptions('csid', { url: 'http://localhost:4000' }).stream.url; // 'ws://localhost:4000/?clientSideId=csid'
 * ```
 */
export function resolveOptions(clientSideId: string, options: SwitchboardOptions): ResolvedOptions {
  const invalid = (message: string) => new SwitchboardError('invalid_options', message);
  if (typeof clientSideId !== 'string' || clientSideId === '') throw invalid('clientSideId is required');
  const baseUrl = options.baseUrl ?? options.url;
  const streamUrl = options.streamUrl ?? options.url?.replace(/^http/, 'ws');
  if (!baseUrl || !streamUrl) throw invalid('give baseUrl and streamUrl, or url');
  for (const url of [baseUrl, streamUrl]) if (!URL.canParse(url)) throw invalid(`not a URL: ${url}`);
  const stream = new URL(streamUrl);
  stream.searchParams.set('clientSideId', clientSideId);
  const id = encodeURIComponent(clientSideId);
  return {
    evaluateUrl: `${trim(baseUrl)}/sdk/v1/evaluate/${id}`,
    stream: {
      url: stream.toString(),
      pingIntervalMs: 5 * MINUTE,
      maxLifetimeMs: 110 * MINUTE,
      lifetimeJitterMs: 5 * MINUTE,
      connectTimeoutMs: 10_000,
      initialDelayMs: 1_000,
      maxDelayMs: 30_000,
      ...options.stream,
    },
    events:
      options.sendEvents === false
        ? undefined
        : {
            url: `${trim(baseUrl)}/sdk/v1/events/${id}`,
            flushIntervalMs: options.flushInterval ?? 10_000,
            capacity: options.eventCapacity ?? 100,
          },
    pollIntervalMs: options.pollInterval ?? MINUTE,
    maxWebSocketFailures: options.maxWebSocketFailures ?? 3,
  };
}
