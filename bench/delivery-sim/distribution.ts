import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { mersenne } from 'pure-rand/generator/mersenne';

/** A latency as published: some percentiles in milliseconds (p50 and p99 at least). */
export interface Percentiles {
  readonly min?: number;
  readonly p10?: number;
  readonly p50: number;
  readonly p90?: number;
  readonly p99: number;
  readonly max?: number;
}

/** A seeded source of uniform numbers in [0, 1): the same seed gives the same run. */
export type Random = () => number;

/** Mersenne Twister: its seeding scrambles small, consecutive seeds (xoroshiro128+'s first outputs from them are near 1). */
export function seededRandom(seed: number): Random {
  const generator = mersenne(seed);
  return () => uniformFloat64(generator);
}

/**
 * Samples a latency from its published percentiles: the inverse CDF drawn as straight lines through
 * them, from `min` (default: half the p50, or p10 if lower) to `max` (default: p99 plus the p90→p99
 * step again, or 1.5 × p99). Crude in the tails, exact at the points given.
 *
 * @example
 * const sample = sampler({ p10: 118, p50: 213, p90: 341, p99: 552 });
 * sample(0.5); // 213
 */
export function sampler(p: Percentiles): (u: number) => number {
  const min = p.min ?? Math.min(p.p10 ?? p.p50, p.p50 / 2);
  const max = p.max ?? (p.p90 !== undefined ? p.p99 + (p.p99 - p.p90) : p.p99 * 1.5);
  const points: [number, number][] = [[0, min]];
  if (p.p10 !== undefined) points.push([0.1, p.p10]);
  points.push([0.5, p.p50]);
  if (p.p90 !== undefined) points.push([0.9, p.p90]);
  points.push([0.99, p.p99], [1, max]);
  return (u) => {
    for (let i = 1; i < points.length; i++) {
      const [q1, v1] = points[i] as [number, number];
      if (u <= q1) {
        const [q0, v0] = points[i - 1] as [number, number];
        return v0 + ((v1 - v0) * (u - q0)) / (q1 - q0);
      }
    }
    return max;
  };
}

/** Nearest-rank percentile of sorted values (`q` in (0, 1]). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}
