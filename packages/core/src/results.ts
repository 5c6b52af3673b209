import type { ErrorKind, EvaluationDetail, Reason } from './model.js';

/**
 * Reasons and results are built once, frozen, and shared: an evaluation that lands on a variation
 * returns a precomputed object rather than allocating one.
 */

export const OFF: Reason = Object.freeze({ kind: 'OFF' });
export const FALLTHROUGH: Reason = Object.freeze({ kind: 'FALLTHROUGH' });
export const FALLTHROUGH_IN_EXPERIMENT: Reason = Object.freeze({ kind: 'FALLTHROUGH', inExperiment: true });
export const TARGET_MATCH: Reason = Object.freeze({ kind: 'TARGET_MATCH' });

export function ruleMatch(ruleIndex: number, ruleId: unknown, inExperiment: boolean): Reason {
  return Object.freeze({
    kind: 'RULE_MATCH',
    ruleIndex,
    ...(typeof ruleId === 'string' ? { ruleId } : {}),
    ...(inExperiment ? { inExperiment: true } : {}),
  });
}

export function prerequisiteFailed(prerequisiteKey: string): Reason {
  return Object.freeze({ kind: 'PREREQUISITE_FAILED', prerequisiteKey });
}

const errorReasons = new Map<ErrorKind, Reason>();

function errorReason(errorKind: ErrorKind): Reason {
  let reason = errorReasons.get(errorKind);
  if (reason === undefined) {
    reason = Object.freeze({ kind: 'ERROR', errorKind });
    errorReasons.set(errorKind, reason);
  }
  return reason;
}

/** An outcome whose value is the caller's default (an error, or an off flag with no off variation). */
export class DefaultOutcome {
  constructor(readonly reason: Reason) {}
}

/** Every error found while evaluating a flag's data is this one. */
export const MALFORMED = new DefaultOutcome(errorReason('MALFORMED_FLAG'));

/** What evaluating a flag yields before the caller's default is known. */
export type Outcome = EvaluationDetail | DefaultOutcome;

/**
 * A mutable cell that every shared result carries, hidden under {@link COUNTER_CELL}: an event
 * summariser (events/summarizer.ts) remembers in it the counter it counts the result in, so counting
 * an evaluation reads a property instead of looking the result up in a map. `window` says whose
 * counts, of which flush window, `counted` belongs to.
 */
export interface CounterCell<T = unknown> {
  window: object | undefined;
  counted: T | undefined;
}

/** Non-enumerable, so results still compare, spread and serialise as `{ value, variationIndex, reason }`. */
export const COUNTER_CELL: unique symbol = Symbol('counter cell');

function success(value: unknown, variationIndex: number, reason: Reason): EvaluationDetail {
  const result = { value, variationIndex, reason };
  const cell: CounterCell = { window: undefined, counted: undefined };
  Object.defineProperty(result, COUNTER_CELL, { value: cell });
  return Object.freeze(result);
}

export function withDefault<T>(defaultValue: T, reason: Reason): EvaluationDetail<T> {
  return { value: defaultValue, variationIndex: null, reason };
}

export function error<T>(defaultValue: T, errorKind: ErrorKind): EvaluationDetail<T> {
  return withDefault(defaultValue, errorReason(errorKind));
}

/**
 * The outcome of landing on variation `index`: a shared result, or `MALFORMED` when the index is not
 * an integer inside `variations`.
 */
export function variationOutcome(variations: readonly unknown[], index: unknown, reason: Reason): Outcome {
  if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < variations.length) {
    return success(variations[index], index, reason);
  }
  return MALFORMED;
}
