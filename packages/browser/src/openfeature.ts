import {
  ErrorCode,
  type EvaluationContext,
  type EvaluationContextValue,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
  type ResolutionReason,
  StandardResolutionReasons,
  type TrackingEventDetails,
} from '@openfeature/web-sdk';
import { type FlagChanges, initialize, type SwitchboardClient, type SwitchboardContext } from './client.js';
import type { SwitchboardError } from './errors.js';
import type { SwitchboardOptions } from './options.js';
import { browserPlatform, type StorageLike } from './platform.js';

/** Options of {@link SwitchboardWebProvider}. */
export interface SwitchboardWebProviderOptions extends SwitchboardOptions {
  /** Seconds `initialize` waits for the first values before OpenFeature reports an error. @default 5 */
  readonly initializationTimeout?: number;
}

const ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  CLIENT_NOT_READY: ErrorCode.PROVIDER_NOT_READY,
  WRONG_TYPE: ErrorCode.TYPE_MISMATCH,
  MALFORMED_FLAG: ErrorCode.PARSE_ERROR,
  USER_NOT_SPECIFIED: ErrorCode.INVALID_CONTEXT,
};

const REASONS: Readonly<Record<string, ResolutionReason>> = {
  TARGET_MATCH: StandardResolutionReasons.TARGETING_MATCH,
  RULE_MATCH: StandardResolutionReasons.TARGETING_MATCH,
  FALLTHROUGH: StandardResolutionReasons.DEFAULT,
  OFF: StandardResolutionReasons.DISABLED,
  PREREQUISITE_FAILED: StandardResolutionReasons.DISABLED,
  ERROR: StandardResolutionReasons.ERROR,
};

/** OpenFeature allows `Date` attributes; flags compare RFC 3339 strings. */
const toJson = (value: EvaluationContextValue): unknown =>
  value instanceof Date
    ? value.toISOString()
    : Array.isArray(value)
      ? value.map(toJson)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]))
        : value;

const ANONYMOUS_KEY = 'switchboard:anonymous-key';

/**
 * This browser's key for anonymous contexts, kept in `storage` so a visitor stays in the same
 * rollout buckets across visits (`anonymous` without storage).
 */
export function anonymousKey(storage: StorageLike | undefined): string {
  try {
    const kept = storage?.getItem(ANONYMOUS_KEY);
    if (kept) return kept;
    const made = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2);
    storage?.setItem(ANONYMOUS_KEY, made);
    return storage ? made : 'anonymous';
  } catch {
    return 'anonymous';
  }
}

/**
 * An OpenFeature evaluation context as a Switchboard context: `targetingKey` becomes `key`, `kind`
 * defaults to `user`; with `kind: 'multi'` each object attribute is one kind. A context without a
 * key is anonymous, `{ kind: 'user', key: anonymousKey, anonymous: true }`, as OpenFeature web apps
 * set no context before sign-in.
 *
 * @example
 * ```ts
 * toSwitchboardContext({ targetingKey: 'ada', plan: 'pro' }); // → { kind: 'user', key: 'ada', plan: 'pro' }
 * ```
 */
export function toSwitchboardContext(
  context: EvaluationContext,
  anonymous = 'anonymous',
): SwitchboardContext {
  const single = (kind: string, attributes: Record<string, EvaluationContextValue>) => {
    const { targetingKey, key, kind: _kind, ...rest } = attributes;
    const contextKey = targetingKey ?? key;
    const out = toJson(rest) as Record<string, unknown>;
    if (typeof contextKey === 'string' && contextKey !== '') return { kind, key: contextKey, ...out };
    return { kind, key: anonymous, anonymous: true, ...out };
  };
  if (context.kind !== 'multi')
    return single(typeof context.kind === 'string' ? context.kind : 'user', context);
  const multi: Record<string, unknown> = { kind: 'multi' };
  for (const [name, value] of Object.entries(context)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
      const { kind: _kind, ...attributes } = single(name, value as Record<string, EvaluationContextValue>);
      multi[name] = attributes;
    }
  }
  return multi;
}

const typeOf = (value: unknown) => (Array.isArray(value) || value === null ? 'object' : typeof value);

/**
 * Switchboard as an OpenFeature web provider. OpenFeature's static context becomes the client's
 * context (`setContext` identifies), pushes become `PROVIDER_CONFIGURATION_CHANGED` with the changed
 * flag keys, and `track` sends a custom event. Give it a client-side id and options (it then creates
 * the client at `initialize` and closes it on `onClose`), or a client you made.
 *
 * @example
 * ```ts
 * import { OpenFeature } from '@openfeature/web-sdk';
 * import { SwitchboardWebProvider } from '@switchboard/browser/openfeature';
 *
 * await OpenFeature.setContext({ targetingKey: 'ada' });
 * await OpenFeature.setProviderAndWait(new SwitchboardWebProvider('client-side-id', { url }));
 * const enabled = OpenFeature.getClient().getBooleanValue('new-checkout', false);
 * ```
 */
export class SwitchboardWebProvider implements Provider {
  readonly metadata = { name: 'switchboard' } as const;
  readonly runsOn = 'client';
  readonly events = new OpenFeatureEventEmitter();
  private current: SwitchboardClient | undefined;
  private readonly ownsClient: boolean;
  private readonly clientSideId: string;

  constructor(
    clientOrId: SwitchboardClient | string,
    private readonly options: SwitchboardWebProviderOptions = {},
  ) {
    this.ownsClient = typeof clientOrId === 'string';
    this.clientSideId = typeof clientOrId === 'string' ? clientOrId : '';
    if (typeof clientOrId !== 'string') this.attach(clientOrId);
  }

  /** The SDK client behind the provider, once initialized. */
  get client(): SwitchboardClient | undefined {
    return this.current;
  }

  /** Called by OpenFeature with the static context: creates the client and waits for its values. */
  async initialize(context: EvaluationContext = {}): Promise<void> {
    if (!this.current)
      this.attach(initialize(this.clientSideId, toSwitchboardContext(context), this.options));
    else if (Object.keys(context).length > 0) await this.current.identify(toSwitchboardContext(context));
    const client = this.current;
    await client
      ?.waitForInitialization({ timeout: this.options.initializationTimeout ?? 5 })
      .catch((error) => {
        // Shut down (`OpenFeature.close()`, another provider set) before its first values: not a failure.
        if (!client.closed) throw error;
      });
  }

  /** Called by OpenFeature on `setContext`: identifies, resolving once the new values arrived. */
  async onContextChange(_old: EvaluationContext, context: EvaluationContext): Promise<void> {
    await this.current?.identify(this.translate(context));
  }

  async onClose(): Promise<void> {
    if (this.ownsClient) await this.current?.close();
  }

  track(name: string, _context: EvaluationContext, details: TrackingEventDetails = {}): void {
    const { value, ...data } = details;
    this.current?.track(name, Object.keys(data).length > 0 ? data : undefined, value);
  }

  resolveBooleanEvaluation(key: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.resolve(key, defaultValue);
  }

  resolveStringEvaluation(key: string, defaultValue: string): ResolutionDetails<string> {
    return this.resolve(key, defaultValue);
  }

  resolveNumberEvaluation(key: string, defaultValue: number): ResolutionDetails<number> {
    return this.resolve(key, defaultValue);
  }

  resolveObjectEvaluation<T extends JsonValue>(key: string, defaultValue: T): ResolutionDetails<T> {
    return this.resolve(key, defaultValue);
  }

  private resolve<T>(key: string, defaultValue: T): ResolutionDetails<T> {
    if (!this.current) {
      return { value: defaultValue, reason: 'ERROR', errorCode: ErrorCode.PROVIDER_NOT_READY };
    }
    const detail = this.current.variationDetail(key, defaultValue);
    const errorKind = detail.reason?.kind === 'ERROR' ? (detail.reason.errorKind ?? 'GENERAL') : undefined;
    if (errorKind === undefined && typeOf(detail.value) !== typeOf(defaultValue)) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.TYPE_MISMATCH,
        errorMessage: `flag "${key}" is a ${typeOf(detail.value)}, not a ${typeOf(defaultValue)}`,
      };
    }
    return {
      value: detail.value,
      ...(detail.variationIndex === null ? {} : { variant: String(detail.variationIndex) }),
      reason: (detail.reason && REASONS[detail.reason.kind]) || StandardResolutionReasons.UNKNOWN,
      ...(errorKind === undefined
        ? {}
        : {
            errorCode: ERROR_CODES[errorKind] ?? ErrorCode.GENERAL,
            errorMessage: `Switchboard: ${errorKind}`,
          }),
      ...(detail.reason ? { flagMetadata: { reasonKind: detail.reason.kind } } : {}),
    };
  }

  private translate(context: EvaluationContext): SwitchboardContext {
    const storage = this.options.platform?.storage ?? browserPlatform().storage;
    return toSwitchboardContext(context, anonymousKey(storage));
  }

  private attach(client: SwitchboardClient): void {
    this.current = client;
    client.on('change', (changes: FlagChanges) => {
      this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: Object.keys(changes) });
    });
    client.on('error', (error: SwitchboardError) => {
      if (error.code === 'unauthorized') this.events.emit(ProviderEvents.Error, { message: error.message });
    });
  }
}
