import type { BackoffOptions } from './backoff.js';
import type { DataSourceFactory } from './data-source.js';
import { SwitchboardConfigError } from './errors.js';
import type { EventsConfig } from './event-processor.js';
import type { Hook } from './hooks.js';
import type { Logger } from './logger.js';
import type { Platform } from './platform.js';
import type { PollingConfig } from './polling-data-source.js';
import type { StreamingConfig } from './streaming-data-source.js';

/** Flags and segments in the snapshot shape, keyed by item key. */
export interface BootstrapData {
  readonly flags?: Readonly<Record<string, unknown>>;
  readonly segments?: Readonly<Record<string, unknown>>;
}

/**
 * Options of {@link init}. Durations are in milliseconds.
 *
 * @example
 * ```ts
 * const options: SwitchboardOptions = {
 *   sdkKey: process.env.SWITCHBOARD_SDK_KEY!,
 *   baseUrl: 'https://api.flags.example.com',
 *   streamUrl: 'wss://stream.flags.example.com',
 * };
 * ```
 */
export interface SwitchboardOptions {
  /** The environment's server-side SDK key. Required unless `offline`. */
  readonly sdkKey?: string;
  /** Base URL of the HTTP API; the snapshot is `GET {baseUrl}/sdk/v1/flags`. Required unless `offline`. */
  readonly baseUrl?: string;
  /** URL of the WebSocket API (`wss://…`). Required unless `offline`. */
  readonly streamUrl?: string;
  /** @default consoleLogger() — warnings and errors only */
  readonly logger?: Logger;
  /** How long a WebSocket may take to open. @default 10000 */
  readonly connectTimeoutMs?: number;
  /** How long a snapshot request may take. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** Keep-alive interval, under API Gateway's 10-minute idle timeout. @default 300000 (5 min) */
  readonly pingIntervalMs?: number;
  /** Age at which a connection is replaced, under API Gateway's 2-hour limit. @default 6600000 (110 min) */
  readonly maxConnectionLifetimeMs?: number;
  /** Spread of the replacement age either side of `maxConnectionLifetimeMs`. @default 300000 (5 min) */
  readonly connectionLifetimeJitterMs?: number;
  /** Reconnect backoff. @default { initialDelayMs: 1000, maxDelayMs: 30000, resetAfterMs: 60000 } */
  readonly reconnect?: BackoffOptions;
  /** Data to evaluate before (or, with `offline`, instead of) the first sync. */
  readonly bootstrap?: BootstrapData;
  /** A JSON file holding bootstrap data; read once, synchronously, by `init`. */
  readonly bootstrapFile?: string;
  /** Make no network calls at all and evaluate the bootstrap data. @default false */
  readonly offline?: boolean;
  /** Send evaluation summaries and custom events to `POST {baseUrl}/sdk/v1/events`. @default true */
  readonly sendEvents?: boolean;
  /**
   * Seconds between event flushes, as in LaunchDarkly's SDK (the one option in seconds besides
   * `waitForInitialization`'s timeout). @default 10
   */
  readonly flushInterval?: number;
  /** Custom events (`track`) held between flushes; more are dropped and counted. @default 10000 */
  readonly eventCapacity?: number;
  /**
   * Where flags come from instead of the service, e.g. `new TestData().getFactory()` or
   * `fileData({ paths })`. Needs no key or URL; events are sent only if `sdkKey` and `baseUrl` are given.
   */
  readonly dataSource?: DataSourceFactory;
  /** `false` polls `GET /sdk/v1/flags` instead of opening a WebSocket (for networks that block them). @default true */
  readonly stream?: boolean;
  /** Time between polls when `stream` is `false`. @default 30000 */
  readonly pollIntervalMs?: number;
  /** An HTTP proxy for every request and the WebSocket, e.g. `http://user:pass@proxy.internal:3128`. */
  readonly proxy?: string;
  /** Hooks run around every evaluation; {@link SwitchboardClient.addHook} adds more later. */
  readonly hooks?: readonly Hook[];
  /** Replacements for platform capabilities, for tests. @default nodePlatform() */
  readonly platform?: Partial<Platform>;
}

const MINUTE_MS = 60_000;

/**
 * Fills in the defaults of the streaming settings and checks that an online client can connect.
 *
 * @example
 * ```ts
 * resolveStreamingConfig({ sdkKey: 'sdk-1', baseUrl: 'http://localhost:3000', streamUrl: 'ws://localhost:3001' });
 * ```
 */
export function resolveStreamingConfig(options: SwitchboardOptions): StreamingConfig {
  const { streamUrl } = options;
  if (options.sdkKey && (!options.baseUrl || !streamUrl)) {
    throw new SwitchboardConfigError(
      'baseUrl and streamUrl are required unless offline or dataSource is set',
    );
  }
  const { sdkKey, baseUrl } = resolvePollingConfig(options);
  checkUrl('streamUrl', streamUrl, 'a ws(s) or http(s)', ['ws:', 'wss:', 'http:', 'https:']);
  return {
    sdkKey,
    baseUrl,
    streamUrl,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    pingIntervalMs: options.pingIntervalMs ?? 5 * MINUTE_MS,
    maxConnectionLifetimeMs: options.maxConnectionLifetimeMs ?? 110 * MINUTE_MS,
    connectionLifetimeJitterMs: options.connectionLifetimeJitterMs ?? 5 * MINUTE_MS,
    reconnect: options.reconnect ?? {},
  };
}

/**
 * Throws unless `url` is a URL of one of `schemes`. `localhost:4000` parses, with the scheme
 * `localhost:`, and would only fail at every request.
 */
function checkUrl(
  option: string,
  url: string | undefined,
  kind: string,
  schemes: readonly string[],
): asserts url is string {
  if (!url || !URL.canParse(url)) throw new SwitchboardConfigError(`${option} is not a URL: ${url}`);
  if (!schemes.includes(new URL(url).protocol)) {
    throw new SwitchboardConfigError(`${option} is not ${kind} URL: ${url}`);
  }
}

/**
 * Fills in the defaults of the polling settings and checks the key and base URL.
 *
 * @example
 * ```ts
 * resolvePollingConfig({ sdkKey: 'sdk-1', baseUrl: 'http://localhost:3000', stream: false });
 * ```
 */
export function resolvePollingConfig(options: SwitchboardOptions): PollingConfig {
  const { sdkKey, baseUrl } = options;
  if (!sdkKey) throw new SwitchboardConfigError('sdkKey is required unless offline or dataSource is set');
  if (!baseUrl) throw new SwitchboardConfigError('baseUrl is required unless offline or dataSource is set');
  checkUrl('baseUrl', baseUrl, 'an http(s)', ['http:', 'https:']);
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  if (!(pollIntervalMs > 0)) throw new SwitchboardConfigError('pollIntervalMs must be a positive number');
  return { sdkKey, baseUrl, requestTimeoutMs: options.requestTimeoutMs ?? 10_000, pollIntervalMs };
}

/**
 * The event settings, or undefined when no events are sent (`offline` or `sendEvents: false`).
 * Called after {@link resolveStreamingConfig}, which has checked the key and URL.
 */
export function resolveEventsConfig(options: SwitchboardOptions): EventsConfig | undefined {
  if (options.offline || options.sendEvents === false || !options.sdkKey || !options.baseUrl)
    return undefined;
  const flushInterval = options.flushInterval ?? 10;
  if (!(flushInterval > 0))
    throw new SwitchboardConfigError('flushInterval must be a positive number of seconds');
  const capacity = options.eventCapacity ?? 10_000;
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new SwitchboardConfigError('eventCapacity must be a non-negative integer');
  }
  return {
    sdkKey: options.sdkKey,
    baseUrl: options.baseUrl,
    flushIntervalMs: flushInterval * 1000,
    capacity,
    retryDelayMs: 1_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
  };
}
