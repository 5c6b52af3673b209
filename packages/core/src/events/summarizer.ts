import { isKindName } from '../context.js';
import { COUNTER_CELL, type CounterCell } from '../results.js';
import { EVENT_LIMITS } from './limits.js';
import type { FeatureSummary, SummaryCounter, SummaryEvent } from './model.js';

/** One evaluation as the summariser sees it. */
export interface CountedEvaluation {
  readonly key: string;
  /** The flag's version; `undefined` when the flag is unknown. */
  readonly version: number | undefined;
  /** The variation served; `null` when the caller's default was. */
  readonly variation: number | null;
  readonly value: unknown;
  readonly default: unknown;
  readonly context: unknown;
}

/** What {@link EventSummarizer.countResult} reads of an evaluation result. */
export interface CountableResult {
  readonly variationIndex: number | null;
  readonly value: unknown;
}

interface MutableCounter {
  readonly variation: number | null;
  readonly version: number | undefined;
  readonly value: unknown;
  count: number;
}

interface FlagEntry {
  default: unknown;
  /** The raw `kind` of the last single-kind context counted (undefined: a legacy user), or {@link NO_KIND}. */
  lastKind: unknown;
  readonly kinds: string[];
  readonly counters: Map<number, MutableCounter>;
  /** The version last counted, and its counters by variation + 1: the hot path skips the map. */
  version: number | undefined;
  byVariation: (MutableCounter | undefined)[];
}

/** What a result's counter cell remembers: where that result is counted. */
interface CountedIn {
  readonly entry: FlagEntry;
  readonly counter: MutableCounter;
}

type Cell = CounterCell<CountedIn>;

/** Marks "no single kind remembered": never equal to a context's `kind`. */
const NO_KIND: unique symbol = Symbol('no kind');

/** The raw `kind` of a context, {@link NO_KIND} for a non-object. */
const kindOf = (context: unknown): unknown =>
  typeof context === 'object' && context !== null ? (context as { kind?: unknown }).kind : NO_KIND;

/** Variation indexes stay below 1023, so (version, variation) packs into one number. */
const counterKey = (version: number | undefined, variation: number | null): number =>
  (version ?? -1) * 1024 + (variation ?? -1) + 1;

/**
 * The kinds of an evaluation context: its `kind`, `user` for a legacy user without one, and for a
 * multi-kind context the kinds it holds.
 *
 * @example
 * ```ts
 * contextKindsOf({ kind: 'multi', user: { key: 'u' }, org: { key: 'o' } }); // ['user', 'org']
 * ```
 */
export function contextKindsOf(context: unknown): string[] {
  if (typeof context !== 'object' || context === null) return [];
  const kind = (context as { kind?: unknown }).kind;
  if (kind === undefined) return ['user'];
  if (typeof kind !== 'string') return [];
  if (kind !== 'multi') return isEventKind(kind) ? [kind] : [];
  return Object.entries(context)
    .filter(([name, value]) => isEventKind(name) && typeof value === 'object' && value !== null)
    .map(([name]) => name);
}

/**
 * Whether ingest takes `kind` in a summary. An invalid context is still counted (it was evaluated),
 * but ingest refuses a whole post for one bad kind, which would lose every count in it.
 */
const isEventKind = (kind: string): boolean =>
  kind.length <= EVENT_LIMITS.contextKindLength && isKindName(kind);

/**
 * Counts evaluations in memory per (flag, version, variation) and turns them into one summary event
 * per flush: a million evaluations of one flag become one counter per variation. Counting is a few
 * map operations and never allocates per evaluation once a counter exists.
 *
 * @example
 * ```ts
 * const summarizer = new EventSummarizer();
 * summarizer.count({ key: 'f', version: 3, variation: 0, value: true, default: false, context }, Date.now());
 * const summary = summarizer.flush(Date.now()); // { kind: 'summary', features: { f: { counters: [...] } } }
 * ```
 */
export class EventSummarizer {
  private startDate = 0;
  private readonly flags = new Map<string, FlagEntry>();
  /** Replaced on every flush: a result's counter cell is valid only while it holds this one. */
  private window: object = {};

  /** Whether nothing was counted since the last flush. */
  get empty(): boolean {
    return this.flags.size === 0;
  }

  count(evaluation: CountedEvaluation, now: number): void {
    this.bump(
      evaluation.key,
      evaluation.version,
      evaluation.variation,
      evaluation.value,
      evaluation.default,
      evaluation.context,
      now,
    );
  }

  /**
   * Counts an evaluation by its result object, which must be what evaluating flag `key` returned.
   * The core's evaluator shares one frozen result per flag version and outcome, each with a counter
   * cell and each belonging to one flag, so once `result` was counted since the last flush its
   * counter is found through the cell alone, without comparing keys. Otherwise, and for results
   * without a cell (errors carrying the caller's default), `versionOf(key, result)` is asked.
   */
  countResult<R extends CountableResult>(
    key: string,
    result: R,
    versionOf: (key: string, result: R) => number | undefined,
    defaultValue: unknown,
    context: unknown,
    now: number | (() => number),
  ): void {
    const cell = (result as { readonly [COUNTER_CELL]?: Cell })[COUNTER_CELL];
    // The flag's default is the one of its first evaluation in the window (see `bump`).
    if (cell !== undefined && cell.window === this.window) {
      const counted = cell.counted as CountedIn;
      // The kind check stays out of noteKinds: V8 spends most of its inlining budget on the
      // evaluator, so noteKinds would often be a real call, and that measurably slowed evaluations.
      if (kindOf(context) !== counted.entry.lastKind) this.noteKinds(counted.entry, context);
      counted.counter.count++;
      return;
    }
    const version = versionOf(key, result);
    const counter = this.bump(key, version, result.variationIndex, result.value, defaultValue, context, now);
    if (cell !== undefined) this.remember(cell, key, counter);
  }

  private remember(cell: Cell, key: string, counter: MutableCounter): void {
    cell.window = this.window;
    cell.counted = { entry: this.flags.get(key) as FlagEntry, counter };
  }

  private bump(
    key: string,
    version: number | undefined,
    variation: number | null,
    value: unknown,
    defaultValue: unknown,
    context: unknown,
    now: number | (() => number),
  ): MutableCounter {
    let entry = this.flags.get(key);
    if (entry === undefined) {
      if (this.flags.size === 0) this.startDate = typeof now === 'number' ? now : now();
      entry = {
        default: defaultValue,
        lastKind: NO_KIND,
        kinds: [],
        counters: new Map(),
        version,
        byVariation: [],
      };
      this.flags.set(key, entry);
    }
    if (kindOf(context) !== entry.lastKind) this.noteKinds(entry, context);
    const slot = (variation ?? -1) + 1;
    if (version === entry.version) {
      const counter = entry.byVariation[slot];
      if (counter !== undefined) {
        counter.count++;
        return counter;
      }
    } else {
      entry.version = version;
      entry.byVariation = [];
    }
    const mapKey = counterKey(version, variation);
    let counter = entry.counters.get(mapKey);
    if (counter === undefined) {
      counter = { variation, version, value, count: 1 };
      entry.counters.set(mapKey, counter);
    } else {
      counter.count++;
    }
    entry.byVariation[slot] = counter;
    return counter;
  }

  /** The summary of everything counted since the last flush (undefined if nothing), and a fresh start. */
  flush(now: number): SummaryEvent | undefined {
    if (this.flags.size === 0) return undefined;
    const features: Record<string, FeatureSummary> = {};
    for (const [key, entry] of this.flags) {
      const counters: SummaryCounter[] = [];
      for (const c of entry.counters.values()) {
        counters.push({
          ...(c.variation === null ? {} : { variation: c.variation }),
          ...(c.version === undefined ? { unknown: true } : { version: c.version }),
          value: c.value,
          count: c.count,
        });
      }
      features[key] = {
        ...(entry.default === undefined ? {} : { default: entry.default }),
        contextKinds: [...entry.kinds],
        counters,
      };
    }
    const summary: SummaryEvent = { kind: 'summary', startDate: this.startDate, endDate: now, features };
    this.flags.clear();
    this.window = {};
    return summary;
  }

  /** Adds the kinds of `context` to the flag's; callers skip it for a kind seen last time (the common case). */
  private noteKinds(entry: FlagEntry, context: unknown): void {
    for (const k of contextKindsOf(context)) {
      if (entry.kinds.length < EVENT_LIMITS.contextKindsPerEvent && !entry.kinds.includes(k))
        entry.kinds.push(k);
    }
    const kind = kindOf(context);
    const single = kind === undefined || (typeof kind === 'string' && kind !== 'multi');
    entry.lastKind = single ? kind : NO_KIND;
  }
}

/**
 * Summarises a list of evaluations made between `startDate` and `endDate` into one summary event
 * (undefined for none); the pure form of {@link EventSummarizer}.
 */
export function summarize(
  evaluations: readonly CountedEvaluation[],
  startDate: number,
  endDate: number,
): SummaryEvent | undefined {
  const summarizer = new EventSummarizer();
  for (const evaluation of evaluations) summarizer.count(evaluation, startDate);
  return summarizer.flush(endDate);
}

/**
 * The `contextKeys` of a custom event: kind → key for each kind in the context (a legacy user is
 * `user`). Empty when the context has no usable key.
 *
 * @example
 * ```ts
 * contextKeysOf({ kind: 'multi', user: { key: 'u1' }, org: { key: 'acme' } }); // { user: 'u1', org: 'acme' }
 * ```
 */
export function contextKeysOf(context: unknown): Record<string, string> {
  const keys: Record<string, string> = {};
  if (typeof context !== 'object' || context === null) return keys;
  const record = context as Record<string, unknown>;
  if (record.kind === 'multi') {
    for (const [kind, value] of Object.entries(record)) {
      const key = typeof value === 'object' && value !== null ? (value as { key?: unknown }).key : undefined;
      if (kind !== 'kind' && typeof key === 'string' && key !== '') keys[kind] = key;
    }
    return keys;
  }
  const kind = record.kind === undefined ? 'user' : record.kind;
  if (typeof kind === 'string' && typeof record.key === 'string' && record.key !== '')
    keys[kind] = record.key;
  return keys;
}
