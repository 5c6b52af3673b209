import type { Clock, RandomSource } from './platform.js';

/** Tuning of {@link Backoff}; the defaults are the protocol's. */
export interface BackoffOptions {
  /** Ceiling of the first delay. @default 1000 */
  readonly initialDelayMs?: number;
  /** Largest ceiling, however many attempts failed. @default 30000 */
  readonly maxDelayMs?: number;
  /** A connection healthy for this long resets the attempt count. @default 60000 */
  readonly resetAfterMs?: number;
}

/**
 * Reconnect delays: exponential ceilings (1 s doubling to 30 s) with full jitter, so that a fleet of
 * servers dropped at once by the gateway does not reconnect in lockstep. It only computes; the caller
 * owns the timers.
 *
 * @example
 * ```ts
 * const backoff = new Backoff({}, { now: () => Date.now() }, Math.random);
 * backoff.success();             // the connection is healthy
 * const delayMs = backoff.fail(); // it dropped: wait this long before reconnecting
 * ```
 */
export class Backoff {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly resetAfterMs: number;
  private attempts = 0;
  private healthySince: number | undefined;

  constructor(
    options: BackoffOptions,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.resetAfterMs = options.resetAfterMs ?? 60_000;
  }

  /** Records that a connection became healthy now. */
  success(): void {
    this.healthySince = this.clock.now();
  }

  /** Records a failure now and returns how long to wait before the next attempt, in [0, ceiling). */
  fail(): number {
    if (this.healthySince !== undefined && this.clock.now() - this.healthySince >= this.resetAfterMs) {
      this.attempts = 0;
    }
    this.healthySince = undefined;
    const ceiling = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.attempts);
    // Stop counting once at the cap so the exponent cannot grow without bound.
    if (ceiling < this.maxDelayMs) this.attempts += 1;
    return Math.floor(this.random() * ceiling);
  }
}

/**
 * How long a connection may live before the SDK replaces it: `maxLifetimeMs ± jitterMs`, so
 * connections opened together are not all rotated together, and all well before API Gateway's
 * 2-hour limit.
 *
 * @example
 * ```ts
 * rotationDelay(110 * 60_000, 5 * 60_000, Math.random); // somewhere in [105, 115) minutes
 * ```
 */
export function rotationDelay(maxLifetimeMs: number, jitterMs: number, random: RandomSource): number {
  return Math.max(0, Math.floor(maxLifetimeMs + (random() * 2 - 1) * jitterMs));
}
