import { readBootstrap } from './bootstrap.js';
import { ValueCache } from './cache.js';
import { Emitter } from './emitter.js';
import { SwitchboardError } from './errors.js';
import { EventProcessor } from './events.js';
import { basicLogger, type Logger } from './logger.js';
import { type ResolvedOptions, resolveOptions, type SwitchboardOptions } from './options.js';
import { type BrowserPlatform, browserPlatform } from './platform.js';
import { Stream } from './stream.js';
import { type EvaluationReason, type FlagChange, FlagValues } from './values.js';

/** An evaluation context: `{ kind, key, ...attributes }`, a multi-kind context, or a legacy user. */
export type SwitchboardContext = Readonly<Record<string, unknown>>;

/** A flag's value together with the variation it came from and why. */
export interface EvaluationDetail<T = unknown> {
  readonly value: T;
  /** Index into the flag's variations; `null` when the caller's default was returned. */
  readonly variationIndex: number | null;
  /** The server's reason; `null` when the values came from a bootstrap map without reasons. */
  readonly reason: EvaluationReason | null;
}

/** What `change` listeners receive: per changed flag, its new and previous value. */
export type FlagChanges = Record<string, { readonly current: unknown; readonly previous: unknown }>;

interface Identity {
  readonly context: SwitchboardContext;
  readonly hash: string | undefined;
}

interface Waiter {
  readonly resolve: (values: Record<string, unknown>) => void;
  readonly reject: (error: SwitchboardError) => void;
}

/**
 * The Switchboard browser client: holds the flag values the server evaluated for one context, kept
 * live over a WebSocket. Create it with {@link initialize}. `variation` is synchronous and never
 * throws.
 *
 * @example
 * ```ts
 * const client = initialize('client-side-id', { kind: 'user', key: 'ada' }, { url: 'https://flags.example.com' });
 * await client.waitForInitialization({ timeout: 5 });
 * if (client.variation('new-checkout', false)) showNewCheckout();
 * client.on('change:new-checkout', (value) => render(value));
 * ```
 */
export class SwitchboardClient {
  private readonly logger: Logger;
  private readonly emitter: Emitter;
  private readonly platform: BrowserPlatform;
  private readonly config: ResolvedOptions;
  private readonly values = new FlagValues();
  private readonly cache: ValueCache | undefined;
  private readonly bootstrapped: Readonly<Record<string, unknown>>;
  private readonly stream: Stream | undefined;
  private readonly events: EventProcessor | undefined;
  /** The context asked for last, and the one whose values are shown. */
  private wanted: Identity;
  private shown: Identity | undefined;
  private waiters: Waiter[] = [];
  /** Identify ids: the last sent, and whether its answer (a full set) has arrived. */
  private nextId = 1;
  private sentId: number | undefined;
  private answered = false;
  /** Pushes (`partial`) for the last identify that came before its answer, applied after it. */
  private early: Record<string, unknown>[] = [];
  private polling = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private pollSeq = 0;
  private ready = false;
  private failure: SwitchboardError | undefined;
  /** Why the client gave up for good (the client-side id was refused), if it did. */
  private stopped: SwitchboardError | undefined;
  private isClosed = false;
  private readonly onPageHide = () => this.events?.beacon();
  /** Mobile browsers may discard a hidden page without a `pagehide`: hiding is the last sure moment. */
  private readonly onHidden = () => {
    if (this.platform.document?.visibilityState === 'hidden') this.events?.beacon();
  };

  /** Use {@link initialize}. */
  constructor(clientSideId: string, context: SwitchboardContext, options: SwitchboardOptions = {}) {
    this.logger = options.logger ?? basicLogger();
    this.emitter = new Emitter(this.logger);
    this.platform = { ...browserPlatform(), ...options.platform };
    this.config = resolveOptions(clientSideId, options);
    this.wanted = { context, hash: options.hash };
    this.cache = options.cache === false ? undefined : new ValueCache(this.platform.storage, clientSideId);
    const bootstrap = options.bootstrap === undefined ? undefined : readBootstrap(options.bootstrap);
    if (options.bootstrap !== undefined && !bootstrap) this.logger.warn('Ignoring an invalid bootstrap');
    const initial = bootstrap ?? this.cache?.read(context);
    if (initial) this.values.replace(initial);
    this.bootstrapped = Object.freeze(bootstrap ? this.values.all() : {});
    if (bootstrap) this.markReady();
    if (!this.platform.document) {
      // Server rendering: the page's HTML has the bootstrap's values and the browser fetches live
      // ones; a request or an event from here would be thrown away with the render, once per page.
      this.stopped = new SwitchboardError('no_browser', 'Outside a browser the client makes no request');
      if (!bootstrap) this.fail(this.stopped);
      return;
    }
    this.events = this.config.events && new EventProcessor(this.config.events, this.platform, this.logger);
    this.platform.window?.addEventListener('pagehide', this.onPageHide);
    this.platform.document?.addEventListener('visibilitychange', this.onHidden);
    if (options.streaming === false || !this.platform.openWebSocket) {
      // Without a WebSocket at all, polling is the only way to stay current.
      this.polling = options.streaming !== false;
      this.stream = undefined;
      void this.poll(this.polling);
      return;
    }
    this.stream = new Stream(this.config.stream, this.platform, this.logger, {
      onOpen: () => this.sendIdentify(),
      onMessage: (message) => this.onMessage(message),
      onDown: (failures) => {
        if (failures >= this.config.maxWebSocketFailures && !this.polling) {
          this.logger.warn(`WebSocket failed ${failures} times in a row; polling the evaluate endpoint`);
          this.polling = true;
          void this.poll(true);
        }
      },
    });
    this.stream.start();
  }

  /**
   * Resolves once the first values for the context arrived (at once with a bootstrap); rejects when
   * the server refused the context or the client-side id, or after `timeout` seconds.
   *
   * @example
   * ```ts
   * try { await client.waitForInitialization({ timeout: 5 }); } catch { // defaults or cached values are shown }
   * ```
   */
  waitForInitialization(options: { timeout?: number } = {}): Promise<void> {
    const timeout = options.timeout ?? 5;
    return new Promise((resolve, reject) => {
      if (this.ready) return resolve();
      if (this.failure) return reject(this.failure);
      // A longer delay than setTimeout can count would fire at once: such a wait has no deadline.
      const timer =
        timeout * 1000 > MAX_TIMER_MS
          ? undefined
          : setTimeout(() => {
              done();
              reject(new SwitchboardError('timeout', `Switchboard did not initialize within ${timeout} s`));
            }, timeout * 1000);
      const onReady = () => {
        done();
        resolve();
      };
      const onFailed = (error: SwitchboardError) => {
        done();
        reject(error);
      };
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('ready', onReady);
        this.emitter.off('failed', onFailed);
      };
      this.emitter.on('ready', onReady);
      this.emitter.on('failed', onFailed);
    });
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Whether values for the context have arrived (or were bootstrapped). */
  get initialized(): boolean {
    return this.ready;
  }

  /**
   * The flag's value for the current context, or `defaultValue` when the flag is unknown, has no
   * value, or anything else is wrong. Synchronous; never throws; counted for analytics.
   *
   * @example
   * ```ts
   * const label = client.variation('checkout-label', 'Buy');
   * ```
   */
  variation<T = unknown>(key: string, defaultValue: T): T {
    return this.variationDetail(key, defaultValue).value;
  }

  /**
   * Like {@link variation}, with the variation index and the server's reason (`ERROR` with
   * `FLAG_NOT_FOUND`, or `CLIENT_NOT_READY` before any values, when the default is returned).
   *
   * @example
   * ```ts
   * const { value, reason } = client.variationDetail('new-checkout', false);
   * ```
   */
  variationDetail<T = unknown>(key: string, defaultValue: T): EvaluationDetail<T> {
    try {
      const result = this.values.get(key);
      this.events?.count(key, result, defaultValue, this.wanted.context);
      if (result && result.value !== null) {
        return {
          value: result.value as T,
          variationIndex: result.variationIndex,
          reason: result.reason ?? null,
        };
      }
      // A flag that served no value (an off flag without an off variation) keeps the server's reason.
      if (result) return { value: defaultValue, variationIndex: null, reason: result.reason ?? null };
      const errorKind = this.ready ? 'FLAG_NOT_FOUND' : 'CLIENT_NOT_READY';
      return { value: defaultValue, variationIndex: null, reason: { kind: 'ERROR', errorKind } };
    } catch (error) {
      this.logger.error(`variation("${key}") failed; serving the default`, error);
      return { value: defaultValue, variationIndex: null, reason: { kind: 'ERROR', errorKind: 'EXCEPTION' } };
    }
  }

  /**
   * Every flag's value for the current context; not counted for analytics.
   *
   * @example
   * ```ts
   * console.table(client.allFlags()); // { 'new-checkout': true, banner: 'spring' }
   * ```
   */
  allFlags(): Record<string, unknown> {
    return this.values.all();
  }

  /**
   * Every flag's value in the `bootstrap` given to {@link initialize} (`{}` without a valid one),
   * whatever arrived or was identified since: what the page's server rendered with that bootstrap,
   * which hydration must render again before showing cached or live values. The same object on
   * every call; not counted for analytics.
   *
   * @example
   * ```ts
   * const rendered = client.bootstrapFlags(); // { banner: 'spring' }, after an identify too
   * ```
   */
  bootstrapFlags(): Readonly<Record<string, unknown>> {
    return this.bootstrapped;
  }

  /**
   * The context the client evaluates for: the one passed to the last `identify` (or `initialize`),
   * back to the previous one if the server refused it.
   *
   * @example
   * ```ts
   * const { key } = client.getContext();
   * ```
   */
  getContext(): SwitchboardContext {
    return this.wanted.context;
  }

  /**
   * Switches to another context and resolves with its values once they arrived; until then the
   * previous context's values stay shown. Rejects when the server refuses the context (the previous
   * one then stays).
   *
   * @example
   * ```ts
   * await client.identify({ kind: 'user', key: 'ada', plan: 'pro' }, hashFromYourServer);
   * ```
   */
  identify(context: SwitchboardContext, hash?: string): Promise<Record<string, unknown>> {
    if (this.isClosed) return Promise.reject(new SwitchboardError('closed', 'The client is closed'));
    if (this.stopped) return Promise.reject(this.stopped);
    this.wanted = { context, hash };
    const answered = new Promise<Record<string, unknown>>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
    if (this.stream?.connected) this.sendIdentify();
    else if (this.polling || !this.stream) void this.poll(this.polling);
    return answered;
  }

  /**
   * Listens to `ready`, `error` (an {@link SwitchboardError}), `change` (a {@link FlagChanges} map)
   * or `change:KEY` (the flag's new value, then its previous one).
   *
   * @example
   * ```ts
   * client.on('change:new-checkout', (current, previous) => render(current));
   * ```
   */
  on(event: 'ready', listener: () => void): void;
  on(event: 'error', listener: (error: SwitchboardError) => void): void;
  on(event: 'change', listener: (changes: FlagChanges) => void): void;
  on(event: `change:${string}`, listener: (current: unknown, previous: unknown) => void): void;
  // biome-ignore lint/suspicious/noExplicitAny: the overloads above type each event
  on(event: string, listener: (...args: any[]) => void): void {
    this.emitter.on(event, listener);
  }

  /** Removes a listener added with {@link on}. */
  // biome-ignore lint/suspicious/noExplicitAny: any listener given to `on`
  off(event: string, listener: (...args: any[]) => void): void {
    this.emitter.off(event, listener);
  }

  /**
   * Records a custom event about the current context, sent with the next flush.
   *
   * @example
   * ```ts
   * client.track('checkout-completed', { cart: 3 }, 59.9);
   * ```
   */
  track(key: string, data?: unknown, metricValue?: number): void {
    this.events?.track(key, this.wanted.context, data, metricValue);
  }

  /**
   * Sends counted evaluations and `track` events now; resolves when the post is over.
   *
   * @example
   * ```ts
   * client.track('signed-up');
   * await client.flush(); // before a navigation the page controls
   * ```
   */
  flush(): Promise<void> {
    return this.events?.flush() ?? Promise.resolve();
  }

  /**
   * Flushes events, closes the connection, stops every timer and rejects pending `identify` calls
   * (and `waitForInitialization` ones, before the first values).
   *
   * @example
   * ```ts
   * await client.close(); // e.g. when a single-page app tears down
   * ```
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    const closed = new SwitchboardError('closed', 'The client was closed');
    for (const waiter of this.waiters.splice(0)) waiter.reject(closed);
    // No values will come now: waiting for them until the timeout would only report it late, as one.
    if (!this.ready) this.fail(closed);
    this.stream?.stop();
    clearTimeout(this.pollTimer);
    this.platform.window?.removeEventListener('pagehide', this.onPageHide);
    this.platform.document?.removeEventListener('visibilitychange', this.onHidden);
    await this.events?.close();
  }

  private sendIdentify(): void {
    const { context, hash } = this.wanted;
    const id = this.nextId++;
    const message = { action: 'identify', id, context, ...(hash ? { hash } : {}) };
    if (!fitsOneMessage(message)) {
      // The gateway would close the socket, and every reconnect would send it again.
      this.refused('context_too_large', `it is over ${MAX_MESSAGE_BYTES} bytes, a WebSocket message's limit`);
      return;
    }
    if (!this.stream?.send(message)) return;
    this.sentId = id;
    this.answered = false;
    this.early = [];
  }

  private onMessage(message: Record<string, unknown>): void {
    if (
      message.type === 'error' &&
      message.id === undefined &&
      /^un(supported|known)_action$/.test(String(message.code))
    ) {
      // A server without browser delivery: its evaluate endpoint still answers.
      this.logger.warn('The WebSocket server does not support identify; polling the evaluate endpoint');
      this.stream?.stop();
      this.polling = true;
      void this.poll(true);
      return;
    }
    // Anything for an earlier identify is about a context no longer asked for.
    if (message.id !== this.sentId) return;
    if (message.type === 'values' && typeof message.values === 'object' && message.values !== null) {
      if (this.answered) {
        this.pushed(message);
        return;
      }
      // A push can overtake the answer to its identify; it holds only the flags it changed.
      if (message.partial === true) {
        this.early.push(message);
        return;
      }
      this.answered = true;
      this.stream?.healthy();
      if (this.polling) {
        this.logger.info('WebSocket is back; no longer polling');
        this.polling = false;
        clearTimeout(this.pollTimer);
      }
      this.arrived(message.values as Record<string, unknown>, stateAtOf(message), this.early.splice(0));
    } else if (message.type === 'error') {
      this.refused(String(message.code), String(message.message ?? 'identify refused'));
    }
  }

  /** A push for the current identify: merged by version and state time, acknowledged if sampled. */
  private pushed(message: Record<string, unknown>): void {
    const values = message.values as Record<string, unknown>;
    this.acknowledge(message, values);
    this.announce(this.values.merge(values, stateAtOf(message)));
    this.remember();
  }

  /**
   * Delivery receipts: a push whose frame carries `ack` (the sampling rate) is acknowledged, per
   * flag it changes, with probability `ack`, echoing the frame's `at` (the commit time).
   */
  private acknowledge(message: Record<string, unknown>, values: Record<string, unknown>): void {
    const { ack: rate, at } = message;
    if (typeof rate !== 'number' || !(rate > 0 && rate <= 1) || this.platform.random() >= rate) return;
    const time = typeof at === 'number' && Number.isSafeInteger(at) && at > 0 ? { at } : {};
    for (const { key, version } of this.values.newer(values)) {
      this.stream?.send({ action: 'ack', kind: 'flag', key, version, ...time });
    }
  }

  /**
   * The full values of the wanted context arrived (identify answer or poll), then the pushes that
   * overtook the answer.
   */
  private arrived(
    values: Record<string, unknown>,
    stateAt?: number,
    early: readonly Record<string, unknown>[] = [],
  ): void {
    this.shown = this.wanted;
    this.announce(this.values.replace(values, stateAt));
    for (const push of early) this.pushed(push);
    this.remember();
    this.markReady();
    const all = this.values.all();
    for (const waiter of this.waiters.splice(0)) waiter.resolve(all);
  }

  /**
   * The server refused the wanted context (or `subject`): the previous context (if any) stays and is
   * synced again.
   */
  private refused(code: string, message: string, subject = 'the context'): SwitchboardError {
    const error = new SwitchboardError(code, `Switchboard refused ${subject}: ${message}`);
    this.logger.warn(error.message);
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    this.emitter.emit('error', error);
    if (!this.ready) this.fail(error);
    if (this.shown && this.shown !== this.wanted) {
      this.wanted = this.shown;
      if (this.stream?.connected) this.sendIdentify();
    }
    return error;
  }

  private async poll(again: boolean): Promise<void> {
    clearTimeout(this.pollTimer);
    const seq = ++this.pollSeq;
    const { context, hash } = this.wanted;
    const url = hash ? `${this.config.evaluateUrl}?h=${encodeURIComponent(hash)}` : this.config.evaluateUrl;
    try {
      const response = await this.platform.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(context),
      });
      if (seq !== this.pollSeq || this.isClosed) return;
      const body = (await response.json().catch(() => undefined)) as
        | { values?: unknown; error?: { code?: unknown; message?: unknown } }
        | undefined;
      const detail = `the evaluate endpoint answered HTTP ${response.status}`;
      if (response.status === 401) {
        // An unknown client-side id: nothing will ever work.
        return this.stop(this.refused('unauthorized', detail, 'the client-side id'));
      }
      const code = refusalCode(response.status, Boolean(hash));
      if (code) {
        // This context (or, in secure mode, its hash) was refused; another identify may work.
        this.refused(code, typeof body?.error?.message === 'string' ? body.error.message : detail);
      } else if (response.status < 300 && typeof body?.values === 'object' && body.values !== null) {
        if (this.wanted.context === context) this.arrived(body.values as Record<string, unknown>);
      } else {
        this.emitter.emit(
          'error',
          new SwitchboardError('poll_failed', `evaluate answered HTTP ${response.status}`),
        );
      }
    } catch (error) {
      if (seq !== this.pollSeq || this.isClosed) return;
      this.emitter.emit(
        'error',
        new SwitchboardError('poll_failed', 'Cannot reach the evaluate endpoint', { cause: error }),
      );
    }
    if (again && this.polling && !this.isClosed) {
      this.pollTimer = setTimeout(() => void this.poll(true), this.config.pollIntervalMs);
    }
  }

  /** The client-side id was refused: nothing will ever work, so stop trying, and sending events. */
  private stop(error: SwitchboardError): void {
    this.stopped = error;
    this.polling = false;
    this.stream?.stop();
    this.events?.discard();
  }

  private remember(): void {
    if (this.shown) this.cache?.write(this.shown.context, this.values.results());
  }

  private markReady(): void {
    if (this.ready) return;
    this.ready = true;
    queueMicrotask(() => this.emitter.emit('ready'));
  }

  private fail(error: SwitchboardError): void {
    this.failure = error;
    this.emitter.emit('failed', error);
  }

  private announce(changes: FlagChange[]): void {
    if (changes.length === 0) return;
    const all: FlagChanges = {};
    for (const { key, current, previous } of changes) {
      all[key] = { current, previous };
      this.emitter.emit(`change:${key}`, current, previous);
    }
    this.emitter.emit('change', all);
  }
}

/** The longest delay `setTimeout` counts (about 24.8 days); it fires at once for a longer one. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** API Gateway's largest WebSocket message (the local gateway's too); it closes a socket that sends more. */
const MAX_MESSAGE_BYTES = 128 * 1024;

const fitsOneMessage = (message: object): boolean =>
  new TextEncoder().encode(JSON.stringify(message)).length <= MAX_MESSAGE_BYTES;

/**
 * The code the WebSocket gives for the refusal the evaluate endpoint answers with `status`, whose
 * own codes are HTTP's (`forbidden`, `invalid_request`): one code per refusal on both transports.
 */
function refusalCode(status: number, hashed: boolean): string | undefined {
  if (status === 400) return 'invalid_context';
  if (status === 413) return 'context_too_large';
  if (status === 403) return hashed ? 'invalid_hash' : 'secure_mode_hash_required';
  return undefined;
}

/** A `values` message's `stateAt`: when the server began reading the state it evaluated on. */
const stateAtOf = (message: Record<string, unknown>): number | undefined =>
  typeof message.stateAt === 'number' && Number.isFinite(message.stateAt) ? message.stateAt : undefined;

/**
 * Creates a client for one environment (its client-side id) and one context, and connects. Values
 * come from `bootstrap`, else this context's cached values, until live ones arrive.
 *
 * @example
 * ```ts
 * import { initialize } from '@switchboard/browser';
 *
 * const client = initialize('client-side-id', { kind: 'user', key: 'ada' }, {
 *   baseUrl: 'https://api.flags.example.com',
 *   streamUrl: 'wss://stream.flags.example.com',
 * });
 * ```
 */
export function initialize(
  clientSideId: string,
  context: SwitchboardContext,
  options?: SwitchboardOptions,
): SwitchboardClient {
  return new SwitchboardClient(clientSideId, context, options);
}
