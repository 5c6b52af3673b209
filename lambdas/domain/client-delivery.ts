/**
 * The pure half of browser delivery: which client-side flags a batch of changes can affect, and what
 * each context must be sent, found by evaluating it against the environment before and after the
 * batch. No AWS in here; the fan-out reads connections and posts the messages.
 */
import { createEvaluator, type Evaluator, type FlagState } from '@switchboard/core';
import { linearPatterns } from '../adapters/linear-patterns.js';
import { byteLength, type ItemChange, MAX_MESSAGE_BYTES } from './delivery.js';

/** What a `values` message holds per flag: its evaluation, or that it is gone for client SDKs. */
export type ValuesEntry = FlagState | { readonly deleted: true; readonly version: number };

type Item = Readonly<Record<string, unknown>>;

/** One environment's items by key, as SDKs receive them. */
export interface EnvironmentItems {
  readonly flags: ReadonlyMap<string, Item>;
  readonly segments: ReadonlyMap<string, Item>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a flag is available to client-side SDKs (core's rule, legacy `clientSide` included).
 *
 * @example
 * isClientSide({ clientSideAvailability: { usingEnvironmentId: true } }) // → true
 */
export function isClientSide(flag: unknown): boolean {
  if (!isObject(flag)) return false;
  const availability = flag.clientSideAvailability;
  return isObject(availability) ? availability.usingEnvironmentId === true : flag.clientSide === true;
}

const versionOf = (item: Item | undefined): number =>
  typeof item?.version === 'number' ? item.version : Number.NEGATIVE_INFINITY;

/** A change as client delivery reads it (no environment or stream position needed). */
export type ClientChange = Pick<ItemChange, 'kind' | 'key' | 'version' | 'data' | 'previous'>;

const itemsOf = (changes: readonly ClientChange[], kind: ItemChange['kind']) =>
  changes.filter((change) => change.kind === kind);

/**
 * The environment around a batch: `after` is the current items (a batch item the current read does
 * not yet show, its newest version in the batch), `before` the same with each batch item as it was
 * before the batch's first change of it. Items the batch did not touch are the same in both, so the
 * two differ exactly by the batch.
 *
 * @example
 * const { before, after } = statesAround(current, group.changes);
 */
export function statesAround(
  current: EnvironmentItems,
  changes: readonly ClientChange[],
): { before: EnvironmentItems; after: EnvironmentItems; tombstones: ReadonlyMap<string, number> } {
  const tombstones = new Map<string, number>();
  const around = (kind: ItemChange['kind'], items: ReadonlyMap<string, Item>) => {
    const after = new Map(items);
    const before = new Map(items);
    for (const change of itemsOf(changes, kind)) {
      const held = after.get(change.key);
      if (versionOf(held) < change.version) {
        if (change.data === undefined) {
          after.delete(change.key);
          if (kind === 'flag') tombstones.set(change.key, change.version);
        } else after.set(change.key, change.data);
      }
      if (change.previous === undefined) before.delete(change.key);
      else before.set(change.key, change.previous);
    }
    return { before, after };
  };
  const flags = around('flag', current.flags);
  const segments = around('segment', current.segments);
  return {
    before: { flags: flags.before, segments: segments.before },
    after: { flags: flags.after, segments: segments.after },
    tombstones,
  };
}

/** Segment keys named by `segmentMatch` clauses in a list of rules. */
function segmentsNamed(rules: unknown): string[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule) =>
    isObject(rule) && Array.isArray(rule.clauses)
      ? rule.clauses.flatMap((clause) =>
          isObject(clause) && clause.op === 'segmentMatch' && Array.isArray(clause.values)
            ? clause.values.filter((value): value is string => typeof value === 'string')
            : [],
        )
      : [],
  );
}

const prerequisitesOf = (flag: Item): string[] =>
  Array.isArray(flag.prerequisites)
    ? flag.prerequisites.flatMap((p) => (isObject(p) && typeof p.key === 'string' ? [p.key] : []))
    : [];

/**
 * The client-side flags whose result a batch can change: the flags it changed, the flags using a
 * segment it changed (also through segments that use that segment), and, transitively, every flag
 * that has one of those as a prerequisite. Dependencies are read from both states, so a flag that
 * stopped or started using an item counts. Sorted, for stable messages.
 *
 * @example
 * affectedFlags([before, after], [segmentChange]) // → ['beta-dashboard', 'uses-beta-as-prerequisite']
 */
export function affectedFlags(
  states: readonly EnvironmentItems[],
  changes: readonly ClientChange[],
): string[] {
  // Edges from an item to the items whose result depends on it, as `kind#key`.
  const dependants = new Map<string, Set<string>>();
  const edge = (from: string, to: string) => {
    const set = dependants.get(from) ?? new Set<string>();
    dependants.set(from, set);
    set.add(to);
  };
  for (const state of states) {
    for (const [key, flag] of state.flags) {
      for (const segment of segmentsNamed(flag.rules)) edge(`segment#${segment}`, `flag#${key}`);
      for (const prerequisite of prerequisitesOf(flag)) edge(`flag#${prerequisite}`, `flag#${key}`);
    }
    for (const [key, segment] of state.segments) {
      for (const used of segmentsNamed(segment.rules)) edge(`segment#${used}`, `segment#${key}`);
    }
  }
  const reached = new Set(changes.map((change) => `${change.kind}#${change.key}`));
  const queue = [...reached];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const dependant of dependants.get(next) ?? []) {
      if (!reached.has(dependant)) {
        reached.add(dependant);
        queue.push(dependant);
      }
    }
  }
  const flags = [...reached].filter((id) => id.startsWith('flag#')).map((id) => id.slice('flag#'.length));
  return flags
    .filter((key) => states.some((state) => isClientSide(state.flags.get(key))))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const evaluatorOf = (items: EnvironmentItems): Evaluator =>
  createEvaluator(
    { flags: Object.fromEntries(items.flags), segments: Object.fromEntries(items.segments) },
    { patterns: linearPatterns },
  );

/** Same result for a browser: value, variation index and reason kind (what the contract compares). */
function sameResult(a: FlagState, b: FlagState): boolean {
  return (
    a.variationIndex === b.variationIndex &&
    a.reason?.kind === b.reason?.kind &&
    JSON.stringify(a.value) === JSON.stringify(b.value)
  );
}

/**
 * How a connection is compared: against the state before the batch; sent everything affected; or
 * against both the state before the batch and an answer it may hold instead.
 */
export type DeltaMode = 'changed' | 'all' | { readonly answer: Readonly<Record<string, string>> };

/** FNV-1a (32 bits) of a string, base 36: a short digest, not a secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** A short digest of what the contract compares: value, variation index, reason kind. */
const resultDigest = (state: FlagState): string =>
  fnv1a(JSON.stringify([state.value, state.variationIndex, state.reason?.kind]));

/**
 * The digest of an identify's answer, stored with the context: a fan-out whose batch the answer may
 * already include compares against it (see {@link ClientDelta.valuesFor}).
 *
 * @example
 * answerDigest({ banner: { value: true, variationIndex: 0, version: 3, reason: { kind: 'FALLTHROUGH' } } })
 * // → { banner: '1x2y3z' }
 */
export function answerDigest(values: Readonly<Record<string, FlagState>>): Record<string, string> {
  const digest: Record<string, string> = {};
  for (const [key, state] of Object.entries(values)) {
    Object.defineProperty(digest, key, { value: resultDigest(state), enumerable: true });
  }
  return digest;
}

/**
 * A batch's effect on client-side flags, ready to be applied to one context after another: both
 * states are compiled once, and each context is evaluated only for the affected flags.
 *
 * @example
 * const delta = ClientDelta.of(current, group.changes, readStartedAt);
 * delta.valuesFor({ kind: 'user', key: 'ada' }); // → { 'new-checkout': { value: true, … } } or {}
 */
export class ClientDelta {
  /** Flag evaluations made so far (two per affected flag and context), for the benchmark's figures. */
  evaluations = 0;

  private constructor(
    private readonly before: Evaluator,
    private readonly after: Evaluator,
    readonly affected: readonly string[],
    /** When the read of `current` began (epoch ms): the `stateAt` of the pushes made from it. */
    readonly stateAt: number,
  ) {}

  static of(current: EnvironmentItems, changes: readonly ClientChange[], stateAt: number): ClientDelta {
    const states = statesAround(current, changes);
    const after = evaluatorOf(states.after);
    for (const [key, version] of states.tombstones) after.remove('flag', key, version);
    return new ClientDelta(
      evaluatorOf(states.before),
      after,
      affectedFlags([states.before, states.after], changes),
      stateAt,
    );
  }

  /**
   * What `context` must be sent: each affected flag whose result differs between the two states,
   * with its result after the batch; a `deleted` marker for a flag that was available to client SDKs
   * before and is not after. `{}` when nothing changed. In `all` mode, every affected flag. Given
   * the digest of an answer the context may hold instead (`answerDigest`), also each affected flag
   * whose result differs from that answer's.
   */
  valuesFor(context: unknown, mode: DeltaMode = 'changed'): Record<string, ValuesEntry> {
    const values: Record<string, ValuesEntry> = {};
    const answer = typeof mode === 'object' ? mode.answer : undefined;
    for (const key of this.affected) {
      const now = this.stateOf(this.after, key, context);
      const was = this.stateOf(this.before, key, context);
      let entry: ValuesEntry | undefined;
      if (now === undefined) {
        if (was !== undefined || (answer !== undefined && Object.hasOwn(answer, key))) {
          entry = { deleted: true, version: this.after.version('flag', key) ?? was?.version ?? 0 };
        }
      } else if (
        mode === 'all' ||
        was === undefined ||
        !sameResult(now, was) ||
        (answer !== undefined && answer[key] !== resultDigest(now))
      ) {
        entry = now;
      }
      // `defineProperty`: a flag keyed `__proto__` must become a property, not the prototype.
      if (entry !== undefined) Object.defineProperty(values, key, { value: entry, enumerable: true });
    }
    return values;
  }

  private stateOf(evaluator: Evaluator, key: string, context: unknown): FlagState | undefined {
    const flag = evaluator.get('flag', key);
    if (flag === undefined || !isClientSide(flag)) return undefined;
    this.evaluations += 1;
    const { value, variationIndex, reason } = evaluator.evaluate(key, context, null);
    return { value, variationIndex, reason, version: flag.version };
  }
}

/**
 * What a browser holds after `values` were applied to what it held (both as `answerDigest`s):
 * deleted flags dropped, the others replaced.
 *
 * @example
 * heldAfter({ a: 'x1', b: 'y2' }, { a: { deleted: true, version: 4 } }) // → { b: 'y2' }
 */
export function heldAfter(
  held: Readonly<Record<string, string>>,
  values: Readonly<Record<string, ValuesEntry>>,
): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [key, digest] of Object.entries(held)) {
    if (!Object.hasOwn(values, key)) Object.defineProperty(next, key, { value: digest, enumerable: true });
  }
  for (const [key, entry] of Object.entries(values)) {
    if (!('deleted' in entry))
      Object.defineProperty(next, key, { value: resultDigest(entry), enumerable: true });
  }
  return next;
}

/**
 * `{"type":"values","id","stateAt","values"}`: the answer to an identify (every client-side flag), or
 * with `partial: true` a push (only the flags it changes). `stateAt` is when the read of the
 * environment state the values were evaluated on began (epoch ms): of two entries with one flag
 * version, a client keeps the one of the later state, so pushes that arrive out of order (two
 * invocations posting to one browser) cannot bring back an older result.
 */
export const valuesMessage = (
  id: number,
  values: Readonly<Record<string, ValuesEntry>>,
  stateAt: number,
  partial = false,
): string => JSON.stringify({ type: 'values', id, ...(partial ? { partial } : {}), stateAt, values });

/**
 * A push as `values` messages (`partial`, see {@link valuesMessage}) of at most `maxBytes` each (API
 * Gateway's limit): the entries split over as many messages as needed, all carrying `id` and
 * `stateAt`. An entry too big for any message is replaced by nothing: the client keeps its value
 * until its next identify. Empty when there is nothing to send.
 *
 * @example
 * valuesFrames(3, { a: { value: true, variationIndex: 0, version: 2 } }, 1765000000000)
 * // → ['{"type":"values","id":3,"partial":true,"stateAt":1765000000000,"values":{…}}']
 */
export function valuesFrames(
  id: number,
  values: Readonly<Record<string, ValuesEntry>>,
  stateAt: number,
  maxBytes = MAX_MESSAGE_BYTES,
): string[] {
  const message = (part: Readonly<Record<string, ValuesEntry>>) => valuesMessage(id, part, stateAt, true);
  const whole = message(values);
  if (byteLength(whole) <= maxBytes) return Object.keys(values).length === 0 ? [] : [whole];
  const frames: string[] = [];
  let part: Record<string, ValuesEntry> = {};
  let size = byteLength(message({}));
  for (const [key, entry] of Object.entries(values)) {
    const entrySize = byteLength(JSON.stringify({ [key]: entry })) - 1;
    if (size + entrySize > maxBytes && Object.keys(part).length > 0) {
      frames.push(message(part));
      part = {};
      size = byteLength(message({}));
    }
    if (size + entrySize > maxBytes) continue;
    Object.defineProperty(part, key, { value: entry, enumerable: true });
    size += entrySize;
  }
  if (Object.keys(part).length > 0) frames.push(message(part));
  return frames;
}

/**
 * A batch as a fan-out worker receives it for client connections: the changed items (`previous` as
 * before the batch; no new images, the worker reads the current items), and from when a stored
 * identity may postdate part of the batch. `complete: false` when the previous items did not fit in
 * the task: they are reduced to whether the flag was available to client SDKs, and the worker sends
 * every affected flag.
 */
export interface ClientBatch {
  readonly changes: readonly {
    readonly kind: 'flag' | 'segment';
    readonly key: string;
    readonly version: number;
    readonly deleted?: true | undefined;
    readonly previous?: Readonly<Record<string, unknown>> | undefined;
  }[];
  readonly uncertainSince?: number | undefined;
  readonly complete: boolean;
}

/** Enough of a flag for `ClientDelta` to know it was available to client SDKs before. */
const clientSideStub = (key: string, version: number) => ({
  key,
  version,
  on: false,
  variations: [],
  clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
});

/**
 * A batch for a worker task, within `maxBytes` of JSON if possible (the previous items dropped
 * otherwise, see {@link ClientBatch}).
 *
 * @example
 * clientBatch(group.changes, Date.now() - 2000, 200_000) // → { changes: [...], complete: true, … }
 */
export function clientBatch(
  changes: readonly ItemChange[],
  uncertainSince: number | undefined,
  maxBytes: number,
): ClientBatch {
  const base = (change: ItemChange) => ({
    kind: change.kind,
    key: change.key,
    version: change.version,
    ...(change.data === undefined ? { deleted: true as const } : {}),
  });
  const full: ClientBatch = {
    changes: changes.map((change) => ({
      ...base(change),
      ...(change.previous === undefined ? {} : { previous: change.previous }),
    })),
    uncertainSince,
    complete: true,
  };
  if (byteLength(JSON.stringify(full)) <= maxBytes) return full;
  return {
    changes: changes.map((change) => ({
      ...base(change),
      ...(change.kind === 'flag' && isClientSide(change.previous)
        ? { previous: clientSideStub(change.key, versionOf(change.previous)) }
        : {}),
    })),
    uncertainSince,
    complete: false,
  };
}

/**
 * A worker's batch back as changes over the current items it read.
 *
 * @example
 * ClientDelta.of(current, changesOfBatch(task.client, current), readStartedAt)
 */
export function changesOfBatch(batch: ClientBatch, current: EnvironmentItems): ClientChange[] {
  return batch.changes.map((change) => ({
    kind: change.kind,
    key: change.key,
    version: change.version,
    data: change.deleted
      ? undefined
      : (change.kind === 'flag' ? current.flags : current.segments).get(change.key),
    previous: change.previous,
  }));
}
