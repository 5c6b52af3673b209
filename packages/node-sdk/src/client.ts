import type { FlagState, ValueType } from '@switchboard/core';
import { contextKeysOf } from '@switchboard/core/events';
import { loadBootstrap } from './bootstrap.js';
import type { ClientStatus } from './client-status.js';
import { withDependents } from './dependents.js';
import { Emitter } from './emitter.js';
import { SwitchboardError, SwitchboardTimeoutError } from './errors.js';
import { type EvaluationDetail, errorDetail } from './evaluation-result.js';
import { EventProcessor, type EventStats } from './event-processor.js';
import { FlagStore, type ItemChange } from './flag-store.js';
import { consoleLogger, type Logger } from './logger.js';
import { nodePlatform } from './node-platform.js';
import { resolveEventsConfig, resolveStreamingConfig, type SwitchboardOptions } from './options.js';
import type { Platform } from './platform.js';
import { StreamingDataSource } from './streaming-data-source.js';

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
  /** The status changed. */
  status: [ClientStatus];
}

/** Options of {@link SwitchboardClient.allFlagsState}. */
export interface AllFlagsStateOptions {
  /** Only flags available to client-side SDKs. @default false */
  readonly clientSideOnly?: boolean;
  /** Include each flag's reason. @default false */
  readonly withReasons?: boolean;
}

/** Every flag's result for one context, from {@link SwitchboardClient.allFlagsState}. */
export interface FlagsState {
  /** False when the client had no data yet (`flags` is then empty). */
  readonly valid: boolean;
  /** Value, variation index, version and (with `withReasons`) reason per flag key; `{}` for an invalid context. */
  readonly flags: Readonly<Record<string, FlagState>>;
}

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
  private readonly dataSource: StreamingDataSource | undefined;
  /** Absent offline or with `sendEvents: false`. */
  private readonly events: EventProcessor | undefined;
  private status: ClientStatus;
  private hasData: boolean;
  private synced = false;
  private fatalError: Error | undefined;

  /** Use {@link init}, which validates the options and starts syncing. */
  constructor(options: SwitchboardOptions) {
    this.logger = options.logger ?? consoleLogger();
    this.emitter = new Emitter(this.logger);
    this.platform = { ...nodePlatform(), ...options.platform };
    const bootstrap = loadBootstrap(options);
    this.store = new FlagStore(bootstrap);
    this.hasData = bootstrap !== undefined;
    if (options.offline) {
      this.status = 'offline';
      this.hasData = true;
      this.synced = true;
      this.dataSource = undefined;
      this.events = undefined;
      queueMicrotask(() => this.emitter.emit('ready'));
      return;
    }
    this.status = 'initializing';
    const eventsConfig = resolveEventsConfig(options);
    this.events = eventsConfig && new EventProcessor(eventsConfig, this.platform, this.logger);
    this.dataSource = new StreamingDataSource(
      resolveStreamingConfig(options),
      this.store,
      this.platform,
      this.logger,
      {
        onChanges: (changes) => {
          // The first load into an empty store is announced by `ready`, not item by item.
          if (this.hasData) this.announce(changes);
        },
        onSynced: () => this.onSynced(),
        onInterrupted: (error) => {
          if (this.synced) this.setStatus('stale');
          this.emitter.emit('error', error);
        },
        onFatal: (error) => {
          this.fatalError = error;
          this.setStatus('offline');
          this.emitter.emit('error', error);
        },
      },
    );
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
   * (seconds, as in LaunchDarkly's SDK, so migrated code keeps its meaning), if the SDK key is
   * rejected, or if the client is closed first. Evaluation works meanwhile, on bootstrap data or
   * with `CLIENT_NOT_READY`.
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
        this.platform.timers.clear(timer);
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
      const timer = this.platform.timers.set(() => {
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
    return this.evaluate(flagKey, context, defaultValue, 'json').value;
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
    return this.evaluate(flagKey, context, defaultValue, 'json');
  }

  /** A boolean flag's value; a non-boolean value gives `defaultValue` (`WRONG_TYPE`). */
  boolVariation(flagKey: string, context: SwitchboardContext, defaultValue: boolean): boolean {
    return this.evaluate(flagKey, context, defaultValue, 'boolean').value;
  }

  /** {@link boolVariation} with the variation index and reason. */
  boolVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: boolean,
  ): EvaluationDetail<boolean> {
    return this.evaluate(flagKey, context, defaultValue, 'boolean');
  }

  /** A number flag's value; a non-number value gives `defaultValue` (`WRONG_TYPE`). */
  numberVariation(flagKey: string, context: SwitchboardContext, defaultValue: number): number {
    return this.evaluate(flagKey, context, defaultValue, 'number').value;
  }

  /** {@link numberVariation} with the variation index and reason. */
  numberVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: number,
  ): EvaluationDetail<number> {
    return this.evaluate(flagKey, context, defaultValue, 'number');
  }

  /** A string flag's value; a non-string value gives `defaultValue` (`WRONG_TYPE`). */
  stringVariation(flagKey: string, context: SwitchboardContext, defaultValue: string): string {
    return this.evaluate(flagKey, context, defaultValue, 'string').value;
  }

  /** {@link stringVariation} with the variation index and reason. */
  stringVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: string,
  ): EvaluationDetail<string> {
    return this.evaluate(flagKey, context, defaultValue, 'string');
  }

  /** A flag's value of any JSON type. */
  jsonVariation(flagKey: string, context: SwitchboardContext, defaultValue: unknown): unknown {
    return this.evaluate(flagKey, context, defaultValue, 'json').value;
  }

  /** {@link jsonVariation} with the variation index and reason. */
  jsonVariationDetail(
    flagKey: string,
    context: SwitchboardContext,
    defaultValue: unknown,
  ): EvaluationDetail<unknown> {
    return this.evaluate(flagKey, context, defaultValue, 'json');
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
    if (!this.hasData) return { valid: false, flags: {} };
    try {
      return { valid: true, flags: this.store.evaluator.evaluateAll(context, options) };
    } catch (error) {
      this.logger.error('Evaluating all flags threw', error);
      return { valid: false, flags: {} };
    }
  }

  /**
   * Stops syncing: closes the WebSocket, cancels every timer and request. Values stay available.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void client.close());
   * ```
   */
  async close(): Promise<void> {
    if (this.status === 'closed') return;
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
    const contextKeys = contextKeysOf(context);
    if (typeof key !== 'string' || key === '' || Object.keys(contextKeys).length === 0) {
      this.logger.warn('track() needs an event key and a context with a key; the event was dropped');
      return;
    }
    this.events.track({
      kind: 'custom',
      key,
      contextKeys,
      ...(data === undefined ? {} : { data }),
      ...(typeof metricValue === 'number' && Number.isFinite(metricValue) ? { metricValue } : {}),
      creationDate: this.platform.clock.now(),
    });
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
  ): EvaluationDetail<T> {
    const detail = this.evaluateUncounted(flagKey, context, defaultValue, type);
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
      return this.store.evaluator.evaluate(flagKey, context, defaultValue, { type });
    } catch (error) {
      this.logger.error(`Evaluating flag "${flagKey}" threw`, error);
      return errorDetail(defaultValue, 'EXCEPTION');
    }
  }

  private announce(changes: readonly ItemChange[]): void {
    const affected = withDependents(changes, this.store.items('flag'), this.store.items('segment'));
    for (const change of affected) this.emitter.emit('update', change);
  }

  private onSynced(): void {
    this.hasData = true;
    this.setStatus('valid');
    if (!this.synced) {
      this.synced = true;
      this.emitter.emit('ready');
    }
  }

  private initializationFailure(): Error | undefined {
    if (this.fatalError) return this.fatalError;
    if (this.status === 'closed') return new SwitchboardError('The client was closed before it initialized');
    return undefined;
  }

  private setStatus(status: ClientStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emitter.emit('status', status);
  }
}

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
