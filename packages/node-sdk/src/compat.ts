import { EventEmitter } from 'node:events';
import { init as initSwitchboard, type SwitchboardClient, type SwitchboardContext } from './client.js';
import type { DataSourceFactory } from './data-source.js';
import type { EvaluationDetail } from './evaluation-result.js';
import { type FileDataOptions, fileData } from './file-data-source.js';
import type { AllFlagsStateOptions, FlagsState } from './flags-state.js';
import type { Hook } from './hooks.js';
import type { SwitchboardOptions } from './options.js';
import { TestData } from './test-data.js';

/** LaunchDarkly's `proxyOptions`. */
export interface LDProxyOptions {
  readonly host: string;
  readonly port?: number;
  /** `user:password` */
  readonly auth?: string;
  /** @default 'http' */
  readonly scheme?: string;
}

/**
 * The options of {@link init}: Switchboard's (minus `sdkKey`, which is the first argument) plus
 * LaunchDarkly's names for the same settings, in LaunchDarkly's units. Where both are given,
 * Switchboard's wins.
 *
 * @example
 * ```ts
 * const options: LDOptions = { baseUri: 'https://api.flags.example.com', streamUri: 'wss://stream.flags.example.com', timeout: 5 };
 * ```
 */
export interface LDOptions extends Omit<SwitchboardOptions, 'sdkKey'> {
  /** `baseUrl`. */
  readonly baseUri?: string;
  /** `streamUrl` (a `ws://` or `wss://` URL: Switchboard streams over WebSocket). */
  readonly streamUri?: string;
  /** Ignored: events go to `{baseUrl}/sdk/v1/events`. */
  readonly eventsUri?: string;
  /** Seconds between polls when `stream` is `false` (`pollIntervalMs`). */
  readonly pollInterval?: number;
  /** Seconds a request may take (`requestTimeoutMs`). */
  readonly timeout?: number;
  /** `proxy`, as LaunchDarkly spells it. */
  readonly proxyOptions?: LDProxyOptions;
  /** `dataSource`, e.g. `new TestData().getFactory()` or `integrations.FileDataSource({ paths })`. */
  readonly updateProcessor?: DataSourceFactory;
  /** `eventCapacity`. */
  readonly capacity?: number;
  /** Seconds before the first reconnect attempt (`reconnect.initialDelayMs`). */
  readonly streamInitialReconnectDelay?: number;
  /** Ignored: Switchboard sends no diagnostic events. */
  readonly diagnosticOptOut?: boolean;
  /** Ignored: Switchboard sends no diagnostic events. */
  readonly diagnosticRecordingInterval?: number;
  /** Ignored: analytics carry context keys only, never attributes, so every attribute is private. */
  readonly privateAttributes?: readonly string[];
  /** Ignored, for the same reason. */
  readonly allAttributesPrivate?: boolean;
  /** Ignored: no application metadata is sent. */
  readonly application?: { readonly id?: string; readonly version?: string };
  /** Ignored. */
  readonly wrapperName?: string;
  /** Ignored. */
  readonly wrapperVersion?: string;
}

/** LaunchDarkly's name for a context. */
export type LDContext = SwitchboardContext;
/** LaunchDarkly's name for an evaluation detail. */
export type LDEvaluationDetail = EvaluationDetail<unknown>;
/** LaunchDarkly's name for a typed evaluation detail. */
export type LDEvaluationDetailTyped<T> = EvaluationDetail<T>;
/** LaunchDarkly's name for `allFlagsState`'s options. */
export type LDFlagsStateOptions = AllFlagsStateOptions;
/** LaunchDarkly's name for `allFlagsState`'s result. */
export type LDFlagsState = FlagsState;

type Callback<T> = (error: Error | null, result: T) => void;

function toSwitchboardOptions(sdkKey: string, options: LDOptions): SwitchboardOptions {
  const {
    baseUri,
    streamUri,
    eventsUri: _events,
    pollInterval,
    timeout,
    proxyOptions,
    updateProcessor,
    capacity,
    streamInitialReconnectDelay,
    diagnosticOptOut: _diagnostics,
    diagnosticRecordingInterval: _interval,
    privateAttributes: _private,
    allAttributesPrivate: _allPrivate,
    application: _application,
    wrapperName: _wrapper,
    wrapperVersion: _wrapperVersion,
    ...switchboard
  } = options;
  const proxy =
    proxyOptions &&
    `${proxyOptions.scheme ?? 'http'}://${proxyOptions.auth ? `${proxyOptions.auth}@` : ''}${proxyOptions.host}${proxyOptions.port ? `:${proxyOptions.port}` : ''}`;
  const defined = <T extends object>(entries: T) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  return {
    sdkKey,
    ...defined({
      baseUrl: baseUri,
      streamUrl: streamUri,
      pollIntervalMs: pollInterval === undefined ? undefined : pollInterval * 1000,
      requestTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
      proxy,
      dataSource: updateProcessor,
      eventCapacity: capacity,
      reconnect:
        streamInitialReconnectDelay === undefined
          ? undefined
          : { initialDelayMs: streamInitialReconnectDelay * 1000 },
    }),
    ...defined(switchboard),
  };
}

/**
 * A client with LaunchDarkly's `LDClient` signatures, so code written for
 * `@launchdarkly/node-server-sdk` (promises, callbacks, `EventEmitter` events) runs unchanged.
 * Evaluations are still synchronous underneath: the promise is already settled when it is returned.
 * {@link sync} is the Switchboard client, for synchronous calls.
 *
 * @example
 * ```ts
 * import { init } from '@switchboard/node/compat';
 *
 * const client = init(sdkKey, { baseUri, streamUri });
 * await client.waitForInitialization({ timeout: 10 });
 * client.variation('new-checkout', { kind: 'user', key: 'u-42' }, false, (err, value) => render(value));
 * ```
 */
export class LDClient extends EventEmitter {
  /** The Switchboard client behind this one; its evaluation methods return values, not promises. */
  readonly sync: SwitchboardClient;
  private readonly offline: boolean;

  constructor(sdkKey: string, options: LDOptions = {}) {
    super();
    this.offline = options.offline === true;
    this.sync = initSwitchboard(toSwitchboardOptions(sdkKey, options));
    this.sync.on('ready', () => this.emit('ready'));
    this.sync.on('failed', (error) => this.emit('failed', error));
    this.sync.on('error', (error) => {
      // An EventEmitter throws on an 'error' nobody listens to; the SDK has logged it already.
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
    this.sync.on('update', ({ kind, key }) => {
      if (kind !== 'flag') return;
      this.emit('update', { key });
      this.emit(`update:${key}`, { key });
    });
  }

  /** Whether the first sync has completed. */
  initialized(): boolean {
    return this.sync.initialized();
  }

  /** Resolves with this client once initialized; rejects on timeout (seconds) or a rejected key. */
  async waitForInitialization(options?: { timeout?: number }): Promise<this> {
    await this.sync.waitForInitialization(options);
    return this;
  }

  /** The flag's value (`defaultValue` if it cannot be evaluated), also handed to `callback`. */
  variation(
    key: string,
    context: LDContext,
    defaultValue: unknown,
    callback?: Callback<unknown>,
  ): Promise<unknown> {
    return settle(this.sync.variation(key, context, defaultValue), callback);
  }

  /** The flag's value, variation index and reason, also handed to `callback`. */
  variationDetail(
    key: string,
    context: LDContext,
    defaultValue: unknown,
    callback?: Callback<LDEvaluationDetail>,
  ): Promise<LDEvaluationDetail> {
    return settle(this.sync.variationDetail(key, context, defaultValue), callback);
  }

  /** A boolean flag's value; another type gives `defaultValue`. */
  boolVariation(key: string, context: LDContext, defaultValue: boolean): Promise<boolean> {
    return Promise.resolve(this.sync.boolVariation(key, context, defaultValue));
  }

  /** A number flag's value; another type gives `defaultValue`. */
  numberVariation(key: string, context: LDContext, defaultValue: number): Promise<number> {
    return Promise.resolve(this.sync.numberVariation(key, context, defaultValue));
  }

  /** A string flag's value; another type gives `defaultValue`. */
  stringVariation(key: string, context: LDContext, defaultValue: string): Promise<string> {
    return Promise.resolve(this.sync.stringVariation(key, context, defaultValue));
  }

  /** A flag's value of any JSON type. */
  jsonVariation(key: string, context: LDContext, defaultValue: unknown): Promise<unknown> {
    return Promise.resolve(this.sync.jsonVariation(key, context, defaultValue));
  }

  /** {@link boolVariation} with the variation index and reason. */
  boolVariationDetail(
    key: string,
    context: LDContext,
    defaultValue: boolean,
  ): Promise<EvaluationDetail<boolean>> {
    return Promise.resolve(this.sync.boolVariationDetail(key, context, defaultValue));
  }

  /** {@link numberVariation} with the variation index and reason. */
  numberVariationDetail(
    key: string,
    context: LDContext,
    defaultValue: number,
  ): Promise<EvaluationDetail<number>> {
    return Promise.resolve(this.sync.numberVariationDetail(key, context, defaultValue));
  }

  /** {@link stringVariation} with the variation index and reason. */
  stringVariationDetail(
    key: string,
    context: LDContext,
    defaultValue: string,
  ): Promise<EvaluationDetail<string>> {
    return Promise.resolve(this.sync.stringVariationDetail(key, context, defaultValue));
  }

  /** {@link jsonVariation} with the variation index and reason. */
  jsonVariationDetail(
    key: string,
    context: LDContext,
    defaultValue: unknown,
  ): Promise<EvaluationDetail<unknown>> {
    return Promise.resolve(this.sync.jsonVariationDetail(key, context, defaultValue));
  }

  /** Every flag's result for `context` in LaunchDarkly's bootstrap format; also handed to `callback`. */
  allFlagsState(
    context: LDContext,
    options?: LDFlagsStateOptions,
    callback?: Callback<LDFlagsState>,
  ): Promise<LDFlagsState> {
    return settle(this.sync.allFlagsState(context, options), callback);
  }

  /** See {@link SwitchboardClient.secureModeHash}: keyed with the SDK key's SHA-256, not the key itself. */
  secureModeHash(context: LDContext): string {
    return this.sync.secureModeHash(context);
  }

  /** Stops syncing and flushes events; LaunchDarkly's returns nothing, so errors are not surfaced. */
  close(): void {
    void this.sync.close();
  }

  /** Whether the client was created with `offline: true`. */
  isOffline(): boolean {
    return this.offline;
  }

  /** Records a custom event, sent with the next flush. */
  track(key: string, context: LDContext, data?: unknown, metricValue?: number): void {
    this.sync.track(key, context, data, metricValue);
  }

  /**
   * Accepted and ignored: Switchboard records contexts through evaluation summaries and custom
   * events and has no separate identify event.
   */
  identify(_context: LDContext): void {}

  /** Sends pending events; the callback gets `(null, true)` once the post is over. */
  async flush(callback?: Callback<boolean>): Promise<void> {
    await this.sync.flush();
    callback?.(null, true);
  }

  /** Adds an evaluation hook, run after those already registered. */
  addHook(hook: Hook): void {
    this.sync.addHook(hook);
  }
}

/** Returns `value` as a settled promise and, like LaunchDarkly's, hands it to a callback asynchronously. */
function settle<T>(value: T, callback: Callback<T> | undefined): Promise<T> {
  if (callback) queueMicrotask(() => callback(null, value));
  return Promise.resolve(value);
}

/**
 * Creates a {@link LDClient}, as LaunchDarkly's `init(sdkKey, options)`.
 *
 * @example
 * ```ts
 * const client = init(process.env.SWITCHBOARD_SDK_KEY!, { baseUri, streamUri });
 * client.once('ready', () => console.log('flags loaded'));
 * ```
 */
export function init(sdkKey: string, options?: LDOptions): LDClient {
  return new LDClient(sdkKey, options);
}

/**
 * LaunchDarkly's `integrations` namespace: `TestData` and `FileDataSource`, both passed as
 * `updateProcessor`.
 *
 * @example
 * ```ts
 * const td = new integrations.TestData();
 * const client = init('sdk-key', { updateProcessor: td.getFactory() });
 * ```
 */
export const integrations = {
  TestData,
  FileDataSource: (options: FileDataOptions): DataSourceFactory => fileData(options),
} as const;

export { type BasicLoggerOptions, basicLogger, type LogLevel } from './basic-logger.js';
export type { Hook } from './hooks.js';
