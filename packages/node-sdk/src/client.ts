import { createHash, createHmac } from 'node:crypto';
import { canonicalKey, type ValueType } from '@switchboard/core';
import { customEvent } from '@switchboard/core/events';
import { loadBootstrap } from './bootstrap.js';
import type { ClientStatus } from './client-status.js';
import type { DataSource, DataSourceListener } from './data-source.js';
import { withDependents } from './dependents.js';
import { Emitter } from './emitter.js';
import { SwitchboardConfigError, SwitchboardError, SwitchboardTimeoutError } from './errors.js';
import { type EvaluationDetail, errorDetail } from './evaluation-result.js';
import { EventProcessor, type EventStats } from './event-processor.js';
import { FlagStore, type ItemChange } from './flag-store.js';
import { type AllFlagsStateOptions, buildFlagsState, type FlagsState } from './flags-state.js';
import { type Hook, HookRunner } from './hooks.js';
import { consoleLogger, type Logger } from './logger.js';
import { nodePlatform } from './node-platform.js';
import {
  resolveEventsConfig,
  resolvePollingConfig,
  resolveStreamingConfig,
  type SwitchboardOptions,
} from './options.js';
import type { Platform } from './platform.js';
import { PollingDataSource } from './polling-data-source.js';
import { StreamingDataSource } from './streaming-data-source.js';

export type { AllFlagsStateOptions, FlagsState } from './flags-state.js';

/** An evaluation context: `{ kind, key, ...attributes }`, a multi-kind context, or a legacy user. */
export type SwitchboardContext = Readonly<Record<string, unknown>>;

/** The events a client emits and what each listener receives. */
export interface SwitchboardEvents {
  /** The first sync completed (or, offline, the bootstrap data is loaded). */
  ready: [];
  /**
   * A flag or segment changed after the client had data; also fired for each flag whose
   * prerequisites or segments changed, since its results may have.
   */
  update: [ItemChange];
  /** A sync problem; the client keeps evaluating what it has and retries unless the key was rejected. */
  error: [Error];
  /** Initialization failed for good (the SDK key was rejected before the first sync). */
  failed: [Error];
  /** The status changed. */
  status: [ClientStatus];
  /** `update:<flag key>`: that flag (or something it depends on) changed, as LaunchDarkly's `update:KEY`. */
  [flagUpdate: `update:${string}`]: [ItemChange];
}

/** LaunchDarkly's method name for each evaluation method, given to hooks. */
type Method =
  | 'variation'
  | 'variationDetail'
  | 'boolVariation'
  | 'boolVariationDetail'
  | 'numberVariation'
  | 'numberVariationDetail'
  | 'stringVariation'
  | 'stringVariationDetail'
  | 'jsonVariation'
  | 'jsonVariationDetail';

/**
 * The Switchboard server SDK client: keeps the environment's flags in memory, in step with the
 * service, and evaluates them locally. Create it with {@link init}. No evaluation method throws or
 * waits for the network.
 *
 * @example
 * ```ts
 * const client = init({ sdkKey, baseUrl, streamUrl });
 * await client.waitForInitialization({ timeout: 10 });
 * if (client.boolVariation('new-checkout', { kind: 'user', key: 'u-42' }, false)) showNewCheckout();
 * ```
 */
export class SwitchboardClient {
  private readonly emitter: Emitter<SwitchboardEvents>;
  private readonly logger: Logger;
  private readonly platform: Platform;
  private readonly store: FlagStore;
  private readonly dataSource: DataSource | undefined;
  private readonly hooks: HookRunner;
  private readonly sdkKey: string | undefined;
  /** Absent offline or with `sendEvents: false`. */
  private readonly events: EventProcessor | undefined;
  private status: ClientStatus;
  private hasData: boolean;
  private synced = false;
  private fatalError: Error | undefined;
  private closing: Promise<void> | undefined;

  /** Use {@link init}, which validates the options and starts syncing. */
  constructor(options: SwitchboardOptions) {
    this.logger = options.logger ?? consoleLogger();
    this.emitter = new Emitter(this.logger);
    this.platform = { ...nodePlatform({ proxy: options.proxy }), ...options.platform };
    this.hooks = new HookRunner(this.logger, options.hooks);
    this.sdkKey = options.sdkKey;
    const bootstrap = loadBootstrap(options);
    this.store = new FlagStore(bootstrap);
    this.hasData = bootstrap !== undefined;
    if (options.offline) {
      this.status = 'offline';
      this.hasData = true;
      this.synced = true;
      this.dataSource = undefined;
      this.events = undefined;
      queueMicrotask(() => this.emit('ready'));
      return;
    }
    this.status = 'initializing';
    const listener: DataSourceListener = {
      onChanges: (changes) => {
        // The first load into an empty store is announced by `ready`, not item by item.
        if (this.hasData) this.announce(changes);
      },
      onSynced: () => this.onSynced(),
      onInterrupted: (error) => {
        if (this.synced) this.setStatus('stale');
        this.emit('error', error);
      },
      onFatal: (error) => {
        this.fatalError = error;
        this.setStatus('offline');
        this.emit('error', error);
        // Deferred like `ready`: a local data source can fail inside the constructor.
        if (!this.synced) queueMicrotask(() => this.emit('failed', error));
      },
    };
    // The data source checks the connection options as it is made; events start only after that
    // passed, so an `init` that throws leaves no flush timer behind.
    this.dataSource = this.createDataSource(options, listener);
    const eventsConfig = resolveEventsConfig(options);
    this.events = eventsConfig && new EventProcessor(eventsConfig, this.platform, this.logger);
    this.dataSource.start();
  }

  /** Subscribes to an event. */
  on<E extends keyof SwitchboardEvents>(event: E, listener: (...args: SwitchboardEvents[E]) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  /** Unsubscribes from an event. */
  off<E extends keyof SwitchboardEvents>(event: E, listener: (...args: SwitchboardEvents[E]) => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  /** The current status; see {@link ClientStatus}. */
  getStatus(): ClientStatus {
    return this.status;
  }

  /** Whether the first sync has completed (always true offline). */
  initialized(): boolean {
    return this.synced;
  }

  /**
   * Resolves once the first sync has completed; rejects if it has not within `timeout` seconds
   * (seconds, as in LaunchDarkly's SDK, so migrated code keeps its meaning; `Infinity` waits without a
   * deadline), if the SDK key is rejected, or if the client is closed first. Evaluation works
   * meanwhile, on bootstrap data or with `CLIENT_NOT_READY`.
   *
   * @example
   * ```ts
   * await client.waitForInitialization({ timeout: 5 }).catch((error) => logger.warn(error.message));
   * ```
   */
  waitForInitialization(options: { timeout?: number } = {}): Promise<this> {
    if (this.synced) return Promise.resolve(this);
    const failure = this.initializationFailure();
    if (failure) return Promise.reject(failure);
    const timeoutMs = (options.timeout ?? 10) * 1000;
    return new Promise((resolve, reject) => {
      const settle = () => {
        if (timer !== undefined) this.platform.timers.clear(timer);
        this.emitter.off('ready', onReady);
        this.emitter.off('status', onStatus);
      };
      const onReady = () => {
        settle();
        resolve(this);
      };
      const onStatus = () => {
        const error = this.initializationFailure();
        if (error) {
          settle();
          reject(error);
        }
      };
      // A longer delay than a timer can count fires at once: such a wait has no deadline.
      const timer =
        timeoutMs > MAX_TIMER_MS
          ? undefined
          : this.platform.timers.set(() => {
              settle();
              reject(new SwitchboardTimeoutError(timeoutMs));
            }, timeoutMs);
      this.emitter.on('ready', onReady);
      this.emitter.on('status', onStatus);
    });
  }

  /**
   * The flag's value for `context`, or `defaultValue` if it cannot be evaluated.
   *
   * @example
   * ```ts
   * const banner = client.variation('banner-text', { kind: 'user', key: 'u-42' }, 'Welcome');
   * ```
   */
  variation<T>(flagKey: string, context: SwitchboardContext, defaultValue: T): T {
    return this.evaluate(flagKey, context, defaultValue, 'json', 'variation').value;
  }

  /**
   * The flag's value, variation index and reason.
   *
   * @example
   * ```ts
   * const { value, reason } = client.variationDetail('banner-text', context, 'Welcome');
   * if (reason.kind === 'ERROR') logger.warn(reason.errorKind);
   * ```
   */
  variationDetail<T>(flagKey: string, context: SwitchboardContext, defaultValue: T): EvaluationDetail<T> {
    return this.evaluate(flagKey, context, defaultValue, 'json', 'variationDetail');
  }

  /** A boolean flag's value; a non-boolean value gives `defaultValue` (`WRONG_TYPE`). */
  boolVariation(flagKey: string, context: SwitchboardContext, defaultValue: boolean): boolean {
    return this.evaluate(flagKey, context, defaultValue, 'boolean', 'boolVariation').value;
  }

  /** {@link boolVariation} with the variation index and reason. */
  boolVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: boolean,
  ): EvaluationDetail<boolean> {
    return this.evaluate(flagKey, context, defaultValue, 'boolean', 'boolVariationDetail');
  }

  /** A number flag's value; a non-number value gives `defaultValue` (`WRONG_TYPE`). */
  numberVariation(flagKey: string, context: SwitchboardContext, defaultValue: number): number {
    return this.evaluate(flagKey, context, defaultValue, 'number', 'numberVariation').value;
  }

  /** {@link numberVariation} with the variation index and reason. */
  numberVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: number,
  ): EvaluationDetail<number> {
    return this.evaluate(flagKey, context, defaultValue, 'number', 'numberVariationDetail');
  }

  /** A string flag's value; a non-string value gives `defaultValue` (`WRONG_TYPE`). */
  stringVariation(flagKey: string, context: SwitchboardContext, defaultValue: string): string {
    return this.evaluate(flagKey, context, defaultValue, 'string', 'stringVariation').value;
  }

  /** {@link stringVariation} with the variation index and reason. */
  stringVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: string,
  ): EvaluationDetail<string> {
    return this.evaluate(flagKey, context, defaultValue, 'string', 'stringVariationDetail');
  }

  /** A flag's value of any JSON type. */
  jsonVariation(flagKey: string, context: SwitchboardContext, defaultValue: unknown): unknown {
    return this.evaluate(flagKey, context, defaultValue, 'json', 'jsonVariation').value;
  }

  /** {@link jsonVariation} with the variation index and reason. */
  jsonVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: unknown,
  ): EvaluationDetail<unknown> {
    return this.evaluate(flagKey, context, defaultValue, 'json', 'jsonVariationDetail');
  }

  /**
   * Evaluates every flag for one context, e.g. to hand a browser its initial values.
   *
   * @example
   * ```ts
   * const { flags } = client.allFlagsState(context, { clientSideOnly: true, withReasons: true });
   * response.json({ flags });
   * ```
   */
  allFlagsState(context: SwitchboardContext, options: AllFlagsStateOptions = {}): FlagsState {
    if (!this.hasData) return buildFlagsState(undefined, context, options);
    try {
      return buildFlagsState(this.store.evaluator, context, options);
    } catch (error) {
      this.logger.error('Evaluating all flags threw', error);
      return buildFlagsState(undefined, context, options);
    }
  }

  /**
   * Adds a hook run around every later evaluation, after those already registered.
   *
   * @example
   * ```ts
   * client.addHook({ getMetadata: () => ({ name: 'audit' }), afterEvaluation: (c, d, detail) => (log(c.flagKey, detail), d) });
   * ```
   */
  addHook(hook: Hook): void {
    this.hooks.add(hook);
  }

  /**
   * The hash the browser SDK sends with `context` in secure mode:
   * `hex(HMAC-SHA256(key = hex(SHA-256(sdkKey)), canonicalKey(context)))`. Throws
   * `SwitchboardConfigError` without an SDK key and `SwitchboardError` for a context without keys.
   *
   * @example
   * ```ts
   * response.json({ context, hash: client.secureModeHash(context) });
   * ```
   */
  secureModeHash(context: SwitchboardContext): string {
    if (!this.sdkKey) throw new SwitchboardConfigError('secureModeHash needs the sdkKey option');
    const key = canonicalKey(context);
    if (key === undefined) throw new SwitchboardError('secureModeHash needs a context with a kind and key');
    const secret = createHash('sha256').update(this.sdkKey).digest('hex');
    return createHmac('sha256', secret).update(key).digest('hex');
  }

  /**
   * Stops syncing: posts the events not yet sent, closes the WebSocket, cancels every timer and
   * request. Values stay available. Every call resolves when that is done.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void client.close().then(() => process.exit(0)));
   * ```
   */
  close(): Promise<void> {
    // A second caller (an OpenFeature provider's onClose beside a signal handler) that exits once
    // its close() resolves must not cut the first one's final post short.
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.setStatus('closed');
    await Promise.all([this.dataSource?.stop(), this.events?.close()]);
  }

  /**
   * Records a custom event about `context`, sent with the next flush. Never throws or waits; when the
   * buffer is full (`eventCapacity`) the event is dropped and counted.
   *
   * @example
   * ```ts
   * client.track('checkout-completed', { kind: 'user', key: 'u-42' }, { cart: 3 }, 99.5);
   * ```
   */
  track(key: string, context: SwitchboardContext, data?: unknown, metricValue?: number): void {
    if (!this.events) return;
    const made = customEvent(key, context, data, metricValue, this.platform.clock.now());
    if ('problem' in made) {
      this.logger.warn(`${made.problem}; the event was dropped`);
      return;
    }
    this.events.track(made.event);
  }

  /**
   * Sends the evaluation summary and custom events gathered so far, without waiting for the next
   * flush interval; resolves when the post (and its one retry) is over. Never rejects.
   *
   * @example
   * ```ts
   * await client.flush(); // e.g. at the end of a batch job
   * ```
   */
  flush(): Promise<void> {
    return this.events?.flush() ?? Promise.resolve();
  }

  /** What the event processor sent and dropped so far; all zero when events are off. */
  eventStats(): EventStats {
    return (
      this.events?.stats ?? { eventsSent: 0, droppedAtCapacity: 0, droppedAfterFailure: 0, failedPosts: 0 }
    );
  }

  private evaluate<T>(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: T,
    type: ValueType,
    method: Method,
  ): EvaluationDetail<T> {
    const detail = this.hooks.empty
      ? this.evaluateUncounted(flagKey, context, defaultValue, type)
      : this.hooks.run({ flagKey, context, defaultValue, method: `LDClient.${method}` }, () =>
          this.evaluateUncounted(flagKey, context, defaultValue, type),
        );
    if (this.events && this.status !== 'closed') {
      this.events.countResult(flagKey, detail, this.versionOf, defaultValue, context);
    }
    return detail;
  }

  /** The flag version an evaluation result came from; undefined when the flag was unknown. */
  private readonly versionOf = (flagKey: string, detail: EvaluationDetail<unknown>): number | undefined => {
    const { reason } = detail;
    if (
      reason.kind === 'ERROR' &&
      (reason.errorKind === 'FLAG_NOT_FOUND' || reason.errorKind === 'CLIENT_NOT_READY')
    ) {
      return undefined;
    }
    return this.store.evaluator.version('flag', flagKey);
  };

  private evaluateUncounted<T>(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: T,
    type: ValueType,
  ): EvaluationDetail<T> {
    if (!this.hasData) return errorDetail(defaultValue, 'CLIENT_NOT_READY');
    // The core never throws by contract; this guard keeps that promise for the SDK's callers even if
    // a future core breaks it.
    try {
      const detail = this.store.evaluator.evaluate(flagKey, context, defaultValue, { type });
      // LaunchDarkly checks the context before it looks the flag up; report what it reports.
      const { reason } = detail;
      if (
        reason.kind === 'ERROR' &&
        reason.errorKind === 'FLAG_NOT_FOUND' &&
        canonicalKey(context) === undefined
      ) {
        return errorDetail(defaultValue, 'USER_NOT_SPECIFIED');
      }
      return detail;
    } catch (error) {
      this.logger.error(`Evaluating flag "${flagKey}" threw`, error);
      return errorDetail(defaultValue, 'EXCEPTION');
    }
  }

  private createDataSource(options: SwitchboardOptions, listener: DataSourceListener): DataSource {
    const { store, platform, logger } = this;
    if (options.dataSource) return options.dataSource({ store, platform, logger, listener });
    if (options.stream === false) {
      return new PollingDataSource(resolvePollingConfig(options), store, platform, logger, listener);
    }
    return new StreamingDataSource(resolveStreamingConfig(options), store, platform, logger, listener);
  }

  private announce(changes: readonly ItemChange[]): void {
    const affected = withDependents(changes, this.store.items('flag'), this.store.items('segment'));
    for (const change of affected) {
      this.emit('update', change);
      if (change.kind === 'flag') this.emit(`update:${change.key}`, change);
    }
  }

  private onSynced(): void {
    this.hasData = true;
    this.setStatus('valid');
    if (!this.synced) {
      this.synced = true;
      // A local data source syncs inside the constructor; listeners added right after init still hear it.
      queueMicrotask(() => this.emit('ready'));
    }
  }

  private initializationFailure(): Error | undefined {
    if (this.fatalError) return this.fatalError;
    if (this.status === 'closed') return new SwitchboardError('The client was closed before it initialized');
    return undefined;
  }

  /** `closed` is final: a data source stopping behind it cannot move the client on. */
  private setStatus(status: ClientStatus): void {
    if (this.status === status || this.status === 'closed') return;
    this.status = status;
    this.emitter.emit('status', status);
  }

  /**
   * Emits unless the client is closed: after `close()` nothing is reported, not even what was found
   * just before it and queued for a microtask (`ready`, `failed`).
   */
  private emit<E extends keyof SwitchboardEvents>(event: E, ...args: SwitchboardEvents[E]): void {
    if (this.status !== 'closed') this.emitter.emit(event, ...args);
  }
}

/** The longest delay `setTimeout` counts (about 24.8 days); it fires at once for a longer one. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Creates a client and starts syncing. Throws `SwitchboardConfigError` for options that cannot work;
 * nothing network-related ever throws.
 *
 * @example
 * ```ts
 * import { init } from '@switchboard/node';
 *
 * const client = init({
 *   sdkKey: process.env.SWITCHBOARD_SDK_KEY!,
 *   baseUrl: 'https://api.flags.example.com',
 *   streamUrl: 'wss://stream.flags.example.com',
 * });
 * ```
 */
export function init(options: SwitchboardOptions): SwitchboardClient {
  return new SwitchboardClient(options);
}
