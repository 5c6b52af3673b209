import { percentile, seededRandom } from './distribution.js';
import { type ChangeResult, PARTS, type Part, type Path, type SimInputs, simulateChange } from './model.js';

/** Many changes of one scenario, pooled: what the tables print. */
export interface Summary {
  readonly n: number;
  readonly path: Path;
  readonly changes: number;
  /** Time from commit to applied over every connection of every change (ms). */
  readonly p50: number;
  readonly p99: number;
  /** Median over changes of the first connection's time (ms). */
  readonly first: number;
  /** Median over changes of posts per second, first to last post of the change. */
  readonly postsPerSecond: number;
  /** Posts per change beyond one per connection (the other path's duplicates). */
  readonly duplicatesPerChange: number;
  /** Where the p99 connection's time went (ms). */
  readonly atP99: Readonly<Record<Part, number>>;
  /**
   * What limits the p99 connection: the account throttle when posting ran at its rate and posts
   * waited for tokens (slots held by waiting posts then show up as `queued` too), else the largest
   * part of its time.
   */
  readonly bottleneck: Part;
  readonly skippedSlicesPerChange: number;
}

const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/**
 * Runs `changes` changes of a scenario, each with its own stream of random numbers from `seed`.
 *
 * @example
 * summarise(inputs, 1_000, 'invoke', 50, 1).p99;
 */
export function summarise(inputs: SimInputs, n: number, path: Path, changes: number, seed: number): Summary {
  const results: ChangeResult[] = [];
  for (let c = 0; c < changes; c++)
    results.push(simulateChange(inputs, n, path, seededRandom(seed * 7919 + c)));
  const all = new Float64Array(n * changes);
  for (const [c, result] of results.entries()) all.set(result.applied, c * n);
  const sorted = Float64Array.from(all).sort();
  const p99 = percentile(sorted, 0.99);
  const at = all.indexOf(p99);
  const owner = results[Math.floor(at / n)] as ChangeResult;
  const atP99 = Object.fromEntries(
    PARTS.map((part) => [part, (owner.parts[part] as Float64Array)[at % n] as number]),
  ) as Record<Part, number>;
  const postsPerSecond = median(results.map((r) => (r.posts / Math.max(1, r.lastSend - r.firstSend)) * 1000));
  const throttled = atP99.throttle > 0 && postsPerSecond >= 0.9 * inputs.callbackRps;
  const bottleneck = throttled ? 'throttle' : PARTS.reduce((a, b) => (atP99[b] > atP99[a] ? b : a));
  return {
    n,
    path,
    changes,
    p50: percentile(sorted, 0.5),
    p99,
    first: median(results.map((r) => r.applied.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY))),
    postsPerSecond,
    duplicatesPerChange: results.reduce((sum, r) => sum + r.posts - n, 0) / changes,
    atP99,
    bottleneck,
    skippedSlicesPerChange: results.reduce((sum, r) => sum + r.skippedSlices, 0) / changes,
  };
}
