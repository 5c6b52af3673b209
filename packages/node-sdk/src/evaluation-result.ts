import type { ErrorKind, Reason } from '@switchboard/core';

/**
 * Why a flag has the value it has: the core's reasons, plus the SDK's own `CLIENT_NOT_READY` error
 * for an evaluation asked before the client had any data (see `docs/node-sdk.md` for the
 * OpenFeature mapping).
 */
export type EvaluationReason =
  | Exclude<Reason, { readonly kind: 'ERROR' }>
  | { readonly kind: 'ERROR'; readonly errorKind: ErrorKind | 'CLIENT_NOT_READY' };

/** A flag's value together with the variation it came from and why. */
export interface EvaluationDetail<T> {
  readonly value: T;
  /** Index into the flag's variations; `null` when the caller's default was returned. */
  readonly variationIndex: number | null;
  readonly reason: EvaluationReason;
}

/** The result of an evaluation that could not produce a flag value: the caller's default, `ERROR`. */
export function errorDetail<T>(
  defaultValue: T,
  errorKind: ErrorKind | 'CLIENT_NOT_READY',
): EvaluationDetail<T> {
  return { value: defaultValue, variationIndex: null, reason: { kind: 'ERROR', errorKind } };
}
