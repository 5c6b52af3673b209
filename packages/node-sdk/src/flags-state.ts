import { canonicalKey, type Evaluator, type FlagState, type Reason } from '@switchboard/core';
import type { EvaluationReason } from './evaluation-result.js';
import { defineOwn } from './own-property.js';

/** Options of `allFlagsState`, as LaunchDarkly's. */
export interface AllFlagsStateOptions {
  /** Only flags available to client-side SDKs. @default false */
  readonly clientSideOnly?: boolean;
  /** Include each flag's reason. @default false */
  readonly withReasons?: boolean;
  /**
   * Leave out version and reason of flags that record no full events (no `trackEvents`, no
   * experiment, no `debugEventsUntilDate`), to keep a browser bootstrap small. @default false
   */
  readonly detailsOnlyForTrackedFlags?: boolean;
}

/** One flag's entry under `$flagsState`, LaunchDarkly's field names. */
export interface FlagMetadata {
  readonly variation?: number;
  readonly version?: number;
  readonly reason?: EvaluationReason;
  readonly trackEvents?: boolean;
  readonly trackReason?: boolean;
  readonly debugEventsUntilDate?: number;
  /** Keys of the prerequisites evaluated for the flag, in order. */
  readonly prerequisites?: readonly string[];
}

/** The JSON of a {@link FlagsState}: LaunchDarkly's bootstrap format. */
export type FlagsStateJson = Record<string, unknown> & {
  readonly $flagsState: Readonly<Record<string, FlagMetadata>>;
  readonly $valid: boolean;
};

/** Every flag's result for one context, from `allFlagsState`, shaped as LaunchDarkly's `LDFlagsState`. */
export interface FlagsState {
  /** False when the client had no data yet or the context was invalid (there are then no flags). */
  readonly valid: boolean;
  /** Switchboard's view: value, variation index, version and (with `withReasons`) reason per flag. */
  readonly flags: Readonly<Record<string, FlagState>>;
  /** A flag's value, `undefined` for a flag not in the state. */
  getFlagValue(key: string): unknown;
  /** A flag's reason (with `withReasons`, or for an experiment), otherwise `null`. */
  getFlagReason(key: string): EvaluationReason | null;
  /** Values by flag key. */
  allValues(): Record<string, unknown>;
  /**
   * `{ key: value, …, $flagsState: { key: { variation, version, reason?, … } }, $valid }`, what the
   * browser SDK takes as `bootstrap`; `JSON.stringify(state)` calls it.
   */
  toJSON(): FlagsStateJson;
}

interface FlagSource {
  readonly trackEvents?: boolean;
  readonly trackEventsFallthrough?: boolean;
  readonly debugEventsUntilDate?: number;
  readonly rules?: readonly { readonly trackEvents?: boolean }[];
  readonly prerequisites?: readonly { readonly key: string }[];
  readonly on?: boolean;
}

/** Whether a result is part of an experiment, so its reason must reach analytics (LaunchDarkly's rule). */
function isExperiment(flag: FlagSource, reason: Reason): boolean {
  if ('inExperiment' in reason && reason.inExperiment) return true;
  if (reason.kind === 'RULE_MATCH') return flag.rules?.[reason.ruleIndex]?.trackEvents === true;
  if (reason.kind === 'FALLTHROUGH') return flag.trackEventsFallthrough === true;
  return false;
}

/** The prerequisites LaunchDarkly lists as evaluated: in order, up to the first that failed, none when off. */
function evaluatedPrerequisites(flag: FlagSource, reason: Reason, evaluator: Evaluator): string[] {
  if (!flag.on) return [];
  const keys: string[] = [];
  for (const { key } of flag.prerequisites ?? []) {
    if (evaluator.get('flag', key) === undefined) break;
    keys.push(key);
    if (reason.kind === 'PREREQUISITE_FAILED' && reason.prerequisiteKey === key) break;
  }
  return keys;
}

/**
 * Evaluates every flag for `context` into a {@link FlagsState}; `valid: false` (and no flags) when
 * there is no data or the context is invalid.
 *
 * @example
 * ```ts
 * const state = buildFlagsState(store.evaluator, context, { clientSideOnly: true }, true);
 * response.json(state.toJSON());
 * ```
 */
export function buildFlagsState(
  evaluator: Evaluator | undefined,
  context: unknown,
  options: AllFlagsStateOptions,
): FlagsState {
  const states =
    evaluator?.evaluateAll(context, { clientSideOnly: options.clientSideOnly === true, withReasons: true }) ??
    {};
  // An environment may have no flags: then only the context decides validity.
  const valid =
    evaluator !== undefined && (Object.keys(states).length > 0 || canonicalKey(context) !== undefined);
  const values: Record<string, unknown> = {};
  const metadata: Record<string, FlagMetadata> = {};
  const flags: Record<string, FlagState> = {};
  for (const [key, state] of Object.entries(states)) {
    const reason = state.reason as Reason;
    const source = (evaluator?.get('flag', key) ?? {}) as FlagSource;
    const experiment = isExperiment(source, reason);
    const trackEvents = source.trackEvents === true || experiment;
    const omitDetails =
      options.detailsOnlyForTrackedFlags === true &&
      !trackEvents &&
      source.debugEventsUntilDate === undefined;
    const prerequisites = evaluatedPrerequisites(source, reason, evaluator as Evaluator);
    defineOwn(values, key, state.value);
    defineOwn(flags, key, options.withReasons === true ? state : withoutReason(state));
    defineOwn(metadata, key, {
      ...(state.variationIndex === null ? {} : { variation: state.variationIndex }),
      ...(omitDetails ? {} : { version: state.version }),
      ...(experiment || (options.withReasons === true && !omitDetails) ? { reason } : {}),
      ...(trackEvents ? { trackEvents: true } : {}),
      ...(experiment ? { trackReason: true } : {}),
      ...(source.debugEventsUntilDate === undefined
        ? {}
        : { debugEventsUntilDate: source.debugEventsUntilDate }),
      ...(prerequisites.length > 0 ? { prerequisites } : {}),
    });
  }
  return {
    valid,
    flags,
    getFlagValue: (key) => (Object.hasOwn(values, key) ? values[key] : undefined),
    getFlagReason: (key) => (Object.hasOwn(metadata, key) ? (metadata[key]?.reason ?? null) : null),
    allValues: () => ({ ...values }),
    toJSON: () => {
      const json: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(values)) defineOwn(json, key, value);
      return Object.assign(json, { $flagsState: metadata, $valid: valid });
    },
  };
}

function withoutReason({ value, variationIndex, version }: FlagState): FlagState {
  return { value, variationIndex, version };
}
