/** Why a flag has its value, as the server's evaluator says (`FALLTHROUGH`, `RULE_MATCH`, …). */
export interface EvaluationReason {
  readonly kind: string;
  readonly errorKind?: string;
  readonly [field: string]: unknown;
}

/** One flag's result for the current context, as the server sent it. */
export interface FlagResult {
  readonly value: unknown;
  /** Index into the flag's variations; `null` when the server served no variation. */
  readonly variationIndex: number | null;
  readonly reason?: EvaluationReason;
  readonly version: number;
}

/** A flag deleted or no longer available to client-side SDKs, kept so older messages stay ignored. */
interface Tombstone {
  readonly deleted: true;
  readonly version: number;
}

type Entry = FlagResult | Tombstone;

/** When the server began reading the state an entry was evaluated on (epoch ms), if it said. */
type Dated = { readonly entry: Entry; readonly stateAt: number | undefined };

/** A flag whose value changed: `current` is `undefined` for a flag that went away. */
export interface FlagChange {
  readonly key: string;
  readonly current: unknown;
  readonly previous: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLive = (entry: Entry | undefined): entry is FlagResult =>
  entry !== undefined && !('deleted' in entry);

/** A `values` entry off the wire, or undefined when it is not one (then it is skipped). */
function parseEntry(raw: unknown): Entry | undefined {
  if (!isObject(raw) || typeof raw.version !== 'number') return undefined;
  if (raw.deleted === true) return { deleted: true, version: raw.version };
  if (!('value' in raw)) return undefined;
  const index = raw.variationIndex;
  return {
    value: raw.value,
    variationIndex: typeof index === 'number' ? index : null,
    ...(isObject(raw.reason) && typeof raw.reason.kind === 'string'
      ? { reason: raw.reason as EvaluationReason }
      : {}),
    version: raw.version,
  };
}

/** Values compare as JSON: a pushed object equal to the one held is no change. */
const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether `next` is older than what is held: a lower flag version, or the same version evaluated on
 * an earlier state (a segment or prerequisite changed, the flag did not). Without both state times,
 * the same version counts as newer, as the protocol had it before `stateAt`.
 */
function older(next: Dated, held: Dated | undefined): boolean {
  if (held === undefined) return false;
  if (next.entry.version !== held.entry.version) return next.entry.version < held.entry.version;
  return next.stateAt !== undefined && held.stateAt !== undefined && next.stateAt < held.stateAt;
}

/**
 * The flag results of the current context. A full set (the answer to an identify, a poll, the cache,
 * the bootstrap) replaces everything; a push merges, keeping per flag the entry with the highest
 * version, and of one version the one evaluated on the latest state (`stateAt`), deletes included as
 * tombstones. Both report which values changed.
 *
 * @example
 * ```ts
 * const values = new FlagValues();
 * values.replace({ beta: { value: true, variationIndex: 0, version: 3 } });
 * values.merge({ beta: { deleted: true, version: 4 } }); // → [{ key: 'beta', current: undefined, previous: true }]
 * ```
 */
export class FlagValues {
  private entries = new Map<string, Dated>();

  get(key: string): FlagResult | undefined {
    const entry = this.entries.get(key)?.entry;
    return isLive(entry) ? entry : undefined;
  }

  /** Every live flag's value by key. */
  all(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, { entry }] of this.entries) if (isLive(entry)) out[key] = entry.value;
    return out;
  }

  /** Every live flag's result by key, the shape `replace` takes back (for the cache). */
  results(): Record<string, FlagResult> {
    const out: Record<string, FlagResult> = {};
    for (const [key, { entry }] of this.entries) if (isLive(entry)) out[key] = entry;
    return out;
  }

  /**
   * Replaces every flag with `raw` (a `values` map) evaluated on the state read at `stateAt`; flags
   * absent from it are gone.
   */
  replace(raw: Readonly<Record<string, unknown>>, stateAt?: number): FlagChange[] {
    const before = this.entries;
    this.entries = new Map();
    for (const key in raw) {
      const entry = parseEntry(raw[key]);
      if (entry) this.entries.set(key, { entry, stateAt });
    }
    const changes: FlagChange[] = [];
    for (const key of new Set([...before.keys(), ...this.entries.keys()])) {
      const previous = before.get(key)?.entry;
      this.note(changes, key, isLive(previous) ? previous.value : undefined);
    }
    return changes;
  }

  /**
   * The flags of a push that carry a version newer than the one held: the changes a push applies
   * (an entry re-sent at the held version, say after a segment change, is no new flag change).
   */
  newer(raw: Readonly<Record<string, unknown>>): { readonly key: string; readonly version: number }[] {
    const out: { key: string; version: number }[] = [];
    for (const key in raw) {
      const entry = parseEntry(raw[key]);
      const held = this.entries.get(key)?.entry;
      if (entry && (!held || entry.version > held.version)) out.push({ key, version: entry.version });
    }
    return out;
  }

  /**
   * Applies a push evaluated on the state read at `stateAt`: per flag, an entry older than the one
   * held (see {@link older}) is ignored.
   */
  merge(raw: Readonly<Record<string, unknown>>, stateAt?: number): FlagChange[] {
    const changes: FlagChange[] = [];
    for (const key in raw) {
      const entry = parseEntry(raw[key]);
      const held = this.entries.get(key);
      if (!entry || older({ entry, stateAt }, held)) continue;
      this.entries.set(key, { entry, stateAt });
      this.note(changes, key, isLive(held?.entry) ? held.entry.value : undefined);
    }
    return changes;
  }

  private note(changes: FlagChange[], key: string, previous: unknown): void {
    const current = this.get(key)?.value;
    if (!same(previous, current)) changes.push({ key, current, previous });
  }
}
