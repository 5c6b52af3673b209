import {
  ErrorCode,
  type EvaluationContext,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  ProviderFatalError,
  type ResolutionDetails,
  StandardResolutionReasons,
  type TrackingEventDetails,
} from '@openfeature/server-sdk';
import { init, type SwitchboardClient } from './client.js';
import type { ClientStatus } from './client-status.js';
import { SwitchboardAuthError } from './errors.js';
import type { EvaluationDetail } from './evaluation-result.js';
import type { ItemChange } from './flag-store.js';
import { toSwitchboardContext } from './openfeature-context.js';
import { toResolutionDetails } from './openfeature-result.js';
import type { SwitchboardOptions } from './options.js';

/** Options of {@link SwitchboardProvider}. */
export interface SwitchboardProviderOptions {
  /** Seconds `initialize` waits for the first sync before OpenFeature reports an error. @default 10 */
  readonly initializationTimeout?: number;
}

type ProviderState = 'not-ready' | 'ready' | 'stale' | 'error';

/**
 * Switchboard as an OpenFeature server provider. Give it SDK options (it then owns the client and
 * closes it on `onClose`) or a client you manage yourself.
 *
 * @example
 * ```ts
 * import { OpenFeature } from '@openfeature/server-sdk';
 * import { SwitchboardProvider } from '@switchboard/node/openfeature';
 *
 * await OpenFeature.setProviderAndWait(new SwitchboardProvider({ sdkKey, baseUrl, streamUrl }));
 * const flags = OpenFeature.getClient();
 * const enabled = await flags.getBooleanValue('new-checkout', false, { targetingKey: 'u-42' });
 * ```
 */
export class SwitchboardProvider implements Provider {
  readonly metadata = { name: 'switchboard' } as const;
  readonly runsOn = 'server';
  readonly events = new OpenFeatureEventEmitter();
  /** The SDK client behind the provider, for what OpenFeature has no word for (status, allFlagsState). */
  readonly client: SwitchboardClient;
  private readonly ownsClient: boolean;
  private readonly initializationTimeout: number;
  private state: ProviderState = 'not-ready';
  private changedFlags = new Set<string>();

  constructor(
    clientOrOptions: SwitchboardClient | SwitchboardOptions,
    options: SwitchboardProviderOptions = {},
  ) {
    this.ownsClient = !isClient(clientOrOptions);
    this.client = isClient(clientOrOptions) ? clientOrOptions : init(clientOrOptions);
    this.initializationTimeout = options.initializationTimeout ?? 10;
    this.client.on('update', (change) => this.onUpdate(change));
    this.client.on('status', (status) => this.onStatus(status));
    this.client.on('error', (error) => {
      // Before initialize settles, its rejection is how OpenFeature learns of the failure.
      if (error instanceof SwitchboardAuthError && this.state !== 'not-ready') {
        this.state = 'error';
        this.events.emit(ProviderEvents.Error, {
          message: error.message,
          errorCode: ErrorCode.PROVIDER_FATAL,
        });
      }
    });
  }

  /** Called by OpenFeature: waits for the first sync. */
  async initialize(): Promise<void> {
    try {
      await this.client.waitForInitialization({ timeout: this.initializationTimeout });
      this.state = 'ready';
    } catch (error) {
      // Closed first (OpenFeature closed or replaced the provider, or the client's owner closed it):
      // initialization is abandoned, not failed (OpenFeature spec 2.5.2), and a rejection would reach
      // the application's PROVIDER_ERROR handlers. Evaluations then answer PROVIDER_NOT_READY.
      if (this.client.getStatus() === 'closed') return;
      // OpenFeature emits the Error event for a rejected initialize; a later sync emits Ready.
      this.state = 'error';
      // A rejected key cannot recover: OpenFeature's FATAL status tells the application so.
      if (error instanceof SwitchboardAuthError) throw new ProviderFatalError(error.message);
      throw error;
    }
  }

  /**
   * OpenFeature's tracking API: `client.track(name, context, { value, ...data })` becomes
   * `track(name, context, data, value)` on the SDK client. A context without a targeting key is
   * dropped, as the SDK drops an event without a context key.
   *
   * @example
   * ```ts
   * OpenFeature.getClient().track('checkout-completed', { targetingKey: 'u-42' }, { value: 99.5, cart: 3 });
   * ```
   */
  track(trackingEventName: string, context: EvaluationContext, details: TrackingEventDetails = {}): void {
    const translated = toSwitchboardContext(context);
    if (!translated.ok) return;
    const { value, ...data } = details;
    this.client.track(
      trackingEventName,
      translated.context,
      Object.keys(data).length > 0 ? data : undefined,
      value,
    );
  }

  /** Called by OpenFeature on shutdown or replacement: closes the client if the provider made it. */
  async onClose(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  async resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    return this.resolve(context, defaultValue, (ctx) =>
      this.client.boolVariationDetail(flagKey, ctx, defaultValue),
    );
  }

  async resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    return this.resolve(context, defaultValue, (ctx) =>
      this.client.stringVariationDetail(flagKey, ctx, defaultValue),
    );
  }

  async resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<number>> {
    return this.resolve(context, defaultValue, (ctx) =>
      this.client.numberVariationDetail(flagKey, ctx, defaultValue),
    );
  }

  async resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    return this.resolve(context, defaultValue, (ctx) => {
      const detail = this.client.jsonVariationDetail(flagKey, ctx, defaultValue) as EvaluationDetail<T>;
      // OpenFeature's object type is a JSON object or array; a scalar variation is a type mismatch.
      if (typeof detail.value === 'object' && detail.value !== null) return detail;
      return {
        value: defaultValue,
        variationIndex: null,
        reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' },
      };
    });
  }

  private resolve<T>(
    context: EvaluationContext,
    defaultValue: T,
    evaluate: (context: Readonly<Record<string, unknown>>) => EvaluationDetail<T>,
  ): ResolutionDetails<T> {
    const translated = toSwitchboardContext(context);
    if (!translated.ok) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.TARGETING_KEY_MISSING,
        errorMessage: `Invalid evaluation context: ${translated.message}`,
      };
    }
    return toResolutionDetails(evaluate(translated.context));
  }

  private onUpdate(change: ItemChange): void {
    if (change.kind !== 'flag') return;
    // One snapshot changes many flags in one synchronous burst; report it as one event.
    if (this.changedFlags.size === 0) queueMicrotask(() => this.flushChanges());
    this.changedFlags.add(change.key);
  }

  private flushChanges(): void {
    const flagsChanged = [...this.changedFlags];
    this.changedFlags = new Set();
    this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged });
  }

  private onStatus(status: ClientStatus): void {
    // Before initialize resolves OpenFeature owns the readiness story; after it, mirror the client.
    if (status === 'stale' && this.state === 'ready') {
      this.setState('stale', ProviderEvents.Stale, 'Switchboard connection lost; serving last-known values');
    } else if (status === 'valid' && (this.state === 'stale' || this.state === 'error')) {
      this.setState('ready', ProviderEvents.Ready, 'Switchboard data is current');
    }
  }

  private setState(
    state: ProviderState,
    event: ProviderEvents.Ready | ProviderEvents.Stale,
    message: string,
  ): void {
    this.state = state;
    this.events.emit(event, { message });
  }
}

function isClient(value: SwitchboardClient | SwitchboardOptions): value is SwitchboardClient {
  return typeof (value as SwitchboardClient).variationDetail === 'function';
}
