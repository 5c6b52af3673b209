import { type BucketFunction, bucketFunction, type Hasher } from './bucketing.js';
import { type CompiledFlag, compileFlag } from './compile/flag.js';
import { resolve } from './compile/rollout.js';
import {
  MATCH,
  MATCH_ERROR,
  type Match,
  matchAll,
  NO_MATCH,
  type Scope,
  type SegmentList,
} from './compile/scope.js';
import { type CompiledSegment, compileSegment } from './compile/segment.js';
import { EvalContext } from './context.js';
import type { EvaluationDetail, Flag, Reason, Segment, ValueType } from './model.js';
import { flagWithoutNulls, segmentWithoutNulls } from './nulls.js';
import type { PatternEngine } from './patterns.js';
import { DefaultOutcome, error, MALFORMED, type Outcome, withDefault } from './results.js';
import { VersionedStore } from './store.js';

export type ItemKind = 'flag' | 'segment';

export interface EvaluatorData {
  /** Flags by key, in LaunchDarkly's server-side JSON model; a missing `key` is taken from the record key. */
  readonly flags?: Record<string, unknown>;
  readonly segments?: Record<string, unknown>;
}

export interface EvaluatorOptions {
  /** SHA-1 used for bucketing. @default the built-in allocation-free implementation */
  readonly hasher?: Hasher;
  /**
   * The linear-time engine `matches` clauses run on; the platform provides it (the Node.js SDK runs
   * re2js). Without one, a `matches` clause is malformed data: evaluation reaching it gives the
   * default with `MALFORMED_FLAG`.
   */
  readonly patterns?: PatternEngine;
}

export interface EvaluateOptions {
  /** Expected value type; a variation of another type gives the default with `WRONG_TYPE`. */
  readonly type?: ValueType;
}

export interface EvaluateAllOptions {
  /** Only flags available to client-side SDKs (`clientSideAvailability.usingEnvironmentId`). */
  readonly clientSideOnly?: boolean;
  /** Include each flag's reason. */
  readonly withReasons?: boolean;
}

export interface FlagState {
  /** The variation, or `null` where evaluation failed. */
  readonly value: unknown;
  readonly variationIndex: number | null;
  readonly version: number;
  readonly reason?: Reason;
}

type ItemOf<K extends ItemKind> = K extends 'flag' ? Flag : Segment;

/** Evaluates flags held in memory; see {@link createEvaluator}. */
export interface Evaluator {
  /**
   * Evaluates one flag for one context. Never throws: problems give `defaultValue` with an `ERROR`
   * reason. Results are frozen and may be shared between calls.
   */
  evaluate<T = unknown>(
    flagKey: string,
    context: unknown,
    defaultValue: T,
    options?: EvaluateOptions,
  ): EvaluationDetail<T>;
  /** Evaluates every flag (or every client-side flag) for one context; `{}` for an invalid context. */
  evaluateAll(context: unknown, options?: EvaluateAllOptions): Record<string, FlagState>;
  /** Stores an item if its version is newer than the stored one (tombstones included); whether it was applied. */
  upsert(kind: ItemKind, item: unknown): boolean;
  /** Deletes an item, leaving a tombstone at `version`; whether it was applied. */
  remove(kind: ItemKind, key: string, version: number): boolean;
  /** The stored item (frozen), `undefined` when absent or deleted. */
  get<K extends ItemKind>(kind: K, key: string): ItemOf<K> | undefined;
  /** The stored version, tombstones included. */
  version(kind: ItemKind, key: string): number | undefined;
  /** Every live item by key, e.g. for a snapshot. */
  all<K extends ItemKind>(kind: K): Record<string, ItemOf<K>>;
}

/** The flags one `evaluateAll` visits, in store order, as of one store generation. */
interface AllFlags {
  readonly generation: number;
  readonly flags: readonly CompiledFlag[];
  readonly template: Readonly<Record<string, null>>;
}

function hasType(value: unknown, type: ValueType | undefined): boolean {
  return type === undefined || type === 'json' || typeof value === type;
}

class InMemoryEvaluator implements Evaluator, Scope {
  /** The bucket function compiled code calls. */
  readonly bucket: BucketFunction;
  private readonly flags: VersionedStore<CompiledFlag>;
  private readonly segments: VersionedStore<CompiledSegment>;
  /** Keys of the flags being evaluated, outermost first: a prerequisite already on it is a cycle. */
  private readonly flagPath: string[] = [];
  /** Keys of the segments being matched, for the same purpose. */
  private readonly segmentPath: string[] = [];
  /**
   * Non-zero during `evaluateAll`: outcomes computed in it are stamped with this epoch on the
   * compiled flag itself, so a prerequisite shared by many flags is evaluated once, without a map.
   */
  private epoch = 0;
  private lastEpoch = 0;
  /**
   * `evaluateAll`'s results in flag order, before they go into the returned record. Reused, and not
   * cleared: it holds shared results and small default results only, at most one per flag.
   */
  private readonly details: EvaluationDetail[] = [];
  private everyFlag: AllFlags | undefined;
  private clientSideFlags: AllFlags | undefined;

  constructor(data: EvaluatorData, options: EvaluatorOptions) {
    this.bucket = bucketFunction(options.hasher);
    const { patterns } = options;
    this.flags = new VersionedStore(flagWithoutNulls, (flag) => compileFlag(flag, patterns));
    this.segments = new VersionedStore(segmentWithoutNulls, (segment) => compileSegment(segment, patterns));
    for (const [key, item] of Object.entries(data.segments ?? {})) this.segments.upsert(item, key);
    for (const [key, item] of Object.entries(data.flags ?? {})) this.flags.upsert(item, key);
  }

  evaluate<T>(
    flagKey: string,
    context: unknown,
    defaultValue: T,
    options?: EvaluateOptions,
  ): EvaluationDetail<T> {
    try {
      const flag = this.flags.get(flagKey);
      if (flag === undefined) return error(defaultValue, 'FLAG_NOT_FOUND');
      const evalContext = EvalContext.from(context);
      if (evalContext === undefined) return error(defaultValue, 'USER_NOT_SPECIFIED');
      const outcome = this.evaluateTop(flag, evalContext);
      if (outcome instanceof DefaultOutcome) return withDefault(defaultValue, outcome.reason);
      if (!hasType(outcome.value, options?.type)) return error(defaultValue, 'WRONG_TYPE');
      return outcome as EvaluationDetail<T>;
    } catch {
      return this.recover(defaultValue);
    }
  }

  evaluateAll(context: unknown, options: EvaluateAllOptions = {}): Record<string, FlagState> {
    const evalContext = EvalContext.from(context);
    if (evalContext === undefined) return {};
    const { flags, template } = this.allFlags(options.clientSideOnly === true);
    const { details } = this;
    this.lastEpoch += 1;
    this.epoch = this.lastEpoch;
    for (let i = 0; i < flags.length; i += 1) {
      let outcome: Outcome;
      try {
        outcome = this.evaluateTop(flags[i] as CompiledFlag, evalContext);
      } catch {
        outcome = this.recover(null);
      }
      details[i] = outcome instanceof DefaultOutcome ? withDefault(null, outcome.reason) : outcome;
    }
    this.epoch = 0;
    // The record is filled in a loop of its own: interleaved with evaluation, whose property reads
    // crowd V8's shared inline-cache tables, each of these keyed stores cost several times more.
    // Each `null` of the copy is replaced below.
    const states = { ...template } as unknown as Record<string, FlagState>;
    const withReasons = options.withReasons === true;
    for (let i = 0; i < flags.length; i += 1) {
      const { key, version } = flags[i] as CompiledFlag;
      const { value, variationIndex, reason } = details[i] as EvaluationDetail;
      // Every key is already an own property of `states`, so this assignment cannot reach a
      // prototype setter, `__proto__` included.
      states[key] = withReasons
        ? { value, variationIndex, version, reason }
        : { value, variationIndex, version };
    }
    return states;
  }

  /**
   * The flags `evaluateAll` visits, and a record with each of their keys (all `null`), rebuilt when
   * the flag store changes. Copying the record and then filling in its properties is much cheaper
   * than adding a hundred properties to an empty object one by one (the copy keeps V8's fast
   * property layout and skips the dictionary growth).
   */
  private allFlags(clientSideOnly: boolean): AllFlags {
    const cached = clientSideOnly ? this.clientSideFlags : this.everyFlag;
    if (cached !== undefined && cached.generation === this.flags.generation) return cached;
    const flags = [...this.flags.values()].filter((flag) => !clientSideOnly || flag.clientSide);
    // Built by JSON.parse, which gives V8's fast layout even for many keys (and keeps a
    // `__proto__` key an own property), where adding them one by one ends in a dictionary.
    const template = JSON.parse(
      JSON.stringify(Object.fromEntries(flags.map((flag) => [flag.key, null]))),
    ) as Record<string, null>;
    const built: AllFlags = { generation: this.flags.generation, flags, template };
    if (clientSideOnly) this.clientSideFlags = built;
    else this.everyFlag = built;
    return built;
  }

  upsert(kind: ItemKind, item: unknown): boolean {
    return this.store(kind).upsert(item);
  }

  remove(kind: ItemKind, key: string, version: number): boolean {
    return this.store(kind).remove(key, version);
  }

  get<K extends ItemKind>(kind: K, key: string): ItemOf<K> | undefined {
    return this.store(kind).get(key)?.source as ItemOf<K> | undefined;
  }

  version(kind: ItemKind, key: string): number | undefined {
    return this.store(kind).version(key);
  }

  all<K extends ItemKind>(kind: K): Record<string, ItemOf<K>> {
    return this.store(kind).all() as Record<string, ItemOf<K>>;
  }

  segmentMatch(list: SegmentList, context: EvalContext): Match {
    const { epoch, segmentPath } = this;
    if (list.generation !== this.segments.generation) {
      list.resolved = list.keys.map((key) => this.segments.get(key));
      list.generation = this.segments.generation;
    }
    const { keys } = list;
    const resolved = list.resolved as readonly (CompiledSegment | undefined)[];
    // Within `evaluateAll`, a segment matched straight from a flag's clause is matched once: its
    // result cannot differ between flags. (Nested inside another segment, cycle detection makes
    // the result depend on the path, so those are not memoized.)
    const memo = epoch !== 0 && segmentPath.length === 0;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as string;
      const segment = resolved[i];
      if (segment === undefined) continue;
      let match: Match;
      if (memo && segment.memoEpoch === epoch) {
        match = segment.memoMatch;
      } else {
        if (segmentPath.includes(key)) return MATCH_ERROR;
        segmentPath.push(key);
        match = segment.match(context, this);
        segmentPath.pop();
        if (memo) {
          segment.memoEpoch = epoch;
          segment.memoMatch = match;
        }
      }
      if (match !== NO_MATCH) return match;
    }
    return NO_MATCH;
  }

  private store(kind: ItemKind): VersionedStore<CompiledFlag> | VersionedStore<CompiledSegment> {
    return kind === 'flag' ? this.flags : this.segments;
  }

  /** An exception means a bug, not bad data; the paths are cleared so the next call starts clean. */
  private recover<T>(defaultValue: T): EvaluationDetail<T> {
    this.flagPath.length = 0;
    this.segmentPath.length = 0;
    return error(defaultValue, 'EXCEPTION');
  }

  private evaluateTop(flag: CompiledFlag, context: EvalContext): Outcome {
    if (flag.constant !== undefined) return flag.constant;
    // The path only matters to a flag's own prerequisites, so it is kept only when there are some.
    if (flag.prerequisites.length === 0) return this.evaluateFlag(flag, context);
    this.flagPath.push(flag.key);
    const outcome = this.evaluateFlag(flag, context);
    this.flagPath.pop();
    return outcome;
  }

  private evaluateFlag(flag: CompiledFlag, context: EvalContext): Outcome {
    if (flag.constant !== undefined) return flag.constant;
    const { epoch } = this;
    if (epoch === 0) return this.evaluateOn(flag, context);
    if (flag.memoEpoch === epoch) return flag.memoOutcome as Outcome;
    const outcome = this.evaluateOn(flag, context);
    flag.memoEpoch = epoch;
    flag.memoOutcome = outcome;
    return outcome;
  }

  private evaluateOn(flag: CompiledFlag, context: EvalContext): Outcome {
    for (const prerequisite of flag.prerequisites) {
      if (this.flagPath.includes(prerequisite.key)) return MALFORMED;
      if (prerequisite.generation !== this.flags.generation) {
        prerequisite.flag = this.flags.get(prerequisite.key);
        prerequisite.generation = this.flags.generation;
      }
      const prerequisiteFlag = prerequisite.flag;
      if (prerequisiteFlag === undefined) return prerequisite.failed;
      let outcome: Outcome;
      if (prerequisiteFlag.prerequisites.length === 0) {
        outcome = this.evaluateFlag(prerequisiteFlag, context);
      } else {
        this.flagPath.push(prerequisite.key);
        outcome = this.evaluateFlag(prerequisiteFlag, context);
        this.flagPath.pop();
      }
      // An error inside a prerequisite becomes this flag's result.
      if (outcome === MALFORMED) return MALFORMED;
      if (
        outcome instanceof DefaultOutcome ||
        outcome.reason.kind === 'OFF' ||
        outcome.variationIndex !== prerequisite.variation
      ) {
        return prerequisite.failed;
      }
    }
    const target = flag.targets?.match(context);
    if (target !== undefined) return target;
    for (const rule of flag.rules) {
      const match = matchAll(rule.clauses, context, this);
      if (match === MATCH_ERROR) return MALFORMED;
      if (match === MATCH) return resolve(rule.resolver, context, this);
    }
    return resolve(flag.fallthrough, context, this);
  }
}

/**
 * Creates an evaluator over flags and segments in LaunchDarkly's server-side JSON model. Items are
 * compiled once here and on each `upsert`; malformed items still load and evaluate to
 * `ERROR/MALFORMED_FLAG`.
 *
 * @example
 * ```ts
 * const evaluator = createEvaluator({
 *   flags: { 'new-checkout': { key: 'new-checkout', version: 1, on: true, variations: [false, true], fallthrough: { variation: 1 } } },
 * });
 * evaluator.evaluate('new-checkout', { kind: 'user', key: 'u1' }, false);
 * // → { value: true, variationIndex: 1, reason: { kind: 'FALLTHROUGH' } }
 * ```
 */
export function createEvaluator(data: EvaluatorData = {}, options: EvaluatorOptions = {}): Evaluator {
  return new InMemoryEvaluator(data, options);
}
