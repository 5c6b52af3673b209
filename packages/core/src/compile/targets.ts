import type { EvalContext } from '../context.js';
import { isObject } from '../nulls.js';
import { type Outcome, TARGET_MATCH, variationOutcome } from '../results.js';

/** Lists up to this long are scanned: comparing a few strings is cheaper than hashing into a map. */
const SCAN_LIMIT = 8;

/**
 * The targets of one context kind: each key with the index of the first entry listing it, as
 * parallel arrays when there are few keys, else as a map.
 */
class KindTargets {
  private readonly keys: readonly string[] | undefined;
  private readonly entries: readonly number[] | undefined;
  private readonly map: ReadonlyMap<string, number> | undefined;

  constructor(firstEntry: ReadonlyMap<string, number>) {
    if (firstEntry.size <= SCAN_LIMIT) {
      this.keys = [...firstEntry.keys()];
      this.entries = [...firstEntry.values()];
    } else {
      this.map = firstEntry;
    }
  }

  entryOf(key: string): number | undefined {
    const { keys } = this;
    if (keys === undefined) return this.map?.get(key);
    for (let i = 0; i < keys.length; i += 1) {
      if (keys[i] === key) return (this.entries as readonly number[])[i];
    }
    return undefined;
  }
}

/**
 * Individual targets as one lookup per context kind. The first entry (in order) that lists the
 * context's key wins, so each key maps to the index of the first entry listing it, and the lowest
 * index found over the context's kinds is the match.
 */
export class TargetIndex {
  private readonly targets: readonly KindTargets[];

  constructor(
    private readonly kinds: readonly string[],
    firstEntry: readonly ReadonlyMap<string, number>[],
    private readonly outcomes: readonly Outcome[],
  ) {
    this.targets = firstEntry.map((map) => new KindTargets(map));
  }

  match(context: EvalContext): Outcome | undefined {
    let best = -1;
    for (let k = 0; k < this.kinds.length; k += 1) {
      const key = context.keyOf(this.kinds[k] as string);
      if (key === undefined) continue;
      const entry = (this.targets[k] as KindTargets).entryOf(key);
      if (entry !== undefined && (best < 0 || entry < best)) best = entry;
    }
    return best < 0 ? undefined : this.outcomes[best];
  }
}

interface TargetEntry {
  readonly kind: string;
  readonly values: readonly unknown[];
  readonly variation: unknown;
}

function valuesOf(target: Record<string, unknown>): readonly unknown[] {
  return Array.isArray(target.values) ? target.values : [];
}

/**
 * The effective target list: `contextTargets` when non-empty, where a `user` entry with no values
 * stands for the `targets` entry of the same variation; otherwise `targets`.
 */
function targetEntries(targets: readonly unknown[], contextTargets: readonly unknown[]): TargetEntry[] {
  const userTargets = targets.filter(isObject);
  if (contextTargets.length === 0) {
    return userTargets.map((t) => ({ kind: 'user', values: valuesOf(t), variation: t.variation }));
  }
  return contextTargets.filter(isObject).map((t) => {
    const kind = typeof t.contextKind === 'string' ? t.contextKind : 'user';
    const values = valuesOf(t);
    if (kind !== 'user' || values.length > 0) return { kind, values, variation: t.variation };
    const userTarget = userTargets.find((u) => u.variation === t.variation);
    return { kind, values: userTarget === undefined ? [] : valuesOf(userTarget), variation: t.variation };
  });
}

/** `undefined` when the flag has no targets at all, so evaluation can skip the step. */
export function compileTargets(
  targets: readonly unknown[],
  contextTargets: readonly unknown[],
  variations: readonly unknown[],
): TargetIndex | undefined {
  const entries = targetEntries(targets, contextTargets);
  const byKind = new Map<string, Map<string, number>>();
  entries.forEach((entry, index) => {
    let firstEntry = byKind.get(entry.kind);
    if (firstEntry === undefined) {
      firstEntry = new Map();
      byKind.set(entry.kind, firstEntry);
    }
    for (const value of entry.values) {
      if (typeof value === 'string' && !firstEntry.has(value)) firstEntry.set(value, index);
    }
  });
  if ([...byKind.values()].every((firstEntry) => firstEntry.size === 0)) return undefined;
  return new TargetIndex(
    [...byKind.keys()],
    [...byKind.values()],
    entries.map((entry) => variationOutcome(variations, entry.variation, TARGET_MATCH)),
  );
}
