import type { Rollout } from './types.js';

/** Weights are out of 100 000, so 100% is 100 000. */
export const TOTAL_WEIGHT = 100_000;

/** Why a rollout cannot be saved, or `undefined`. */
export function rolloutError(rollout: Rollout): string | undefined {
  const total = rollout.variations.reduce((sum, w) => sum + w.weight, 0);
  if (rollout.variations.some((w) => !Number.isInteger(w.weight) || w.weight < 0))
    return 'Percentages must be between 0 and 100, with at most 3 decimals.';
  if (total !== TOTAL_WEIGHT)
    return `Percentages must add up to 100% (now ${Number((total / 1000).toFixed(3))}%).`;
  return undefined;
}
