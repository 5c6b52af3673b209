import { setTimeout as sleep } from 'node:timers/promises';

/** What an attempt returns when it should run again (unprocessed items, a partial failure). */
export const AGAIN: unique symbol = Symbol('again');
export type Again = typeof AGAIN;

/** How often and how patiently {@link retry} runs an attempt. */
export interface RetryPolicy {
  /** Attempts in all, the first included; `Infinity` leaves the limit to `canWait`. */
  readonly attempts: number;
  /** The pause before retry `n` (1 for the first retry). @default no pause */
  readonly delayMs?: (retry: number) => number;
  /** Thrown errors worth another attempt; the last one is rethrown when the retries run out. @default none */
  readonly retryOn?: (error: unknown) => boolean;
  /** Whether a pause this long still fits (a deadline); when not, the retries stop. @default always */
  readonly canWait?: (delayMs: number) => boolean;
}

/**
 * Runs `attempt` (numbered from 1) until it returns a value other than {@link AGAIN} or throws an
 * error `retryOn` does not accept, pausing between attempts as `policy` says. Out of attempts (or of
 * time), it returns `AGAIN` if the last attempt asked to run again, and rethrows if it threw: what
 * that means (partial results, a 503, a hand-off) is the caller's to decide.
 *
 * @example
 * ```ts
 * let pending = keys;
 * const done = await retry({ attempts: 8, delayMs: (n) => 20 * 2 ** (n - 1) }, async () => {
 *   pending = await writeBatch(pending); // the keys DynamoDB left unprocessed
 *   return pending.length > 0 ? AGAIN : true;
 * });
 * if (done === AGAIN) throw new ServiceUnavailableError('DynamoDB kept throttling; retry later');
 * ```
 */
export async function retry<R>(policy: RetryPolicy, attempt: (n: number) => Promise<R>): Promise<R> {
  for (let n = 1; ; n++) {
    let last: { readonly value: R } | { readonly error: unknown };
    try {
      const value = await attempt(n);
      if (value !== AGAIN) return value;
      last = { value };
    } catch (error) {
      if (!policy.retryOn?.(error)) throw error;
      last = { error };
    }
    const delay = n < policy.attempts ? (policy.delayMs?.(n) ?? 0) : undefined;
    if (delay === undefined || (policy.canWait && !policy.canWait(delay))) {
      if ('error' in last) throw last.error;
      return last.value;
    }
    if (delay > 0) await sleep(delay);
  }
}
