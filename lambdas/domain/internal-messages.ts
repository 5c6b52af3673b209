/**
 * The messages delivery functions hand each other: the write path's hand-off to the fan-out
 * ({@link CommittedEvent}) and the fan-out's slice tasks to its workers ({@link SliceTask}). Both
 * come from our own code, so a few hand-written checks stand in for a schema library, which the
 * delivery functions do not load. Pure.
 */
import type { SliceTask } from '../services/delivery-ports.js';
import type { CommittedEvent } from './committed-changes.js';

/** What is wrong with `value`, naming where (`at`); `undefined` when nothing is. */
type Check = (value: unknown, at: string) => string | undefined;

const problem = (at: string, expected: string) => `${at || 'the message'}: expected ${expected}`;

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string =
  (min = 0): Check =>
  (value, at) =>
    typeof value === 'string' && value.length >= min
      ? undefined
      : problem(at, min > 0 ? 'a non-empty string' : 'a string');

const integer =
  (min = Number.MIN_SAFE_INTEGER): Check =>
  (value, at) =>
    Number.isSafeInteger(value) && (value as number) >= min
      ? undefined
      : problem(at, min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer ≥ ${min}`);

const number: Check = (value, at) => (Number.isFinite(value) ? undefined : problem(at, 'a number'));

const oneOf =
  (...allowed: readonly unknown[]): Check =>
  (value, at) =>
    allowed.includes(value) ? undefined : problem(at, allowed.map((a) => JSON.stringify(a)).join(' or '));

const record: Check = (value, at) => (isRecord(value) ? undefined : problem(at, 'an object'));

const optional =
  (check: Check): Check =>
  (value, at) =>
    value === undefined ? undefined : check(value, at);

const array =
  (item: Check, min = 0, max = Number.POSITIVE_INFINITY): Check =>
  (value, at) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) {
      return problem(
        at,
        max === Number.POSITIVE_INFINITY ? `an array of ${min}+ items` : `an array of ${min}–${max} items`,
      );
    }
    for (let i = 0; i < value.length; i++) {
      const found = item(value[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  };

/** An object with these fields (others are ignored); a field is checked as `undefined` when absent. */
const object =
  (fields: Readonly<Record<string, Check>>): Check =>
  (value, at) => {
    if (!isRecord(value)) return problem(at, 'an object');
    for (const [name, check] of Object.entries(fields)) {
      const found = check(Object.hasOwn(value, name) ? value[name] : undefined, at ? `${at}.${name}` : name);
      if (found) return found;
    }
    return undefined;
  };

const itemKind = oneOf('flag', 'segment');

/** One of the fast path's invocations: `index` below `of`. */
const fastPathPart: Check = (value, at) => {
  const found = object({ index: integer(0), of: integer(1) })(value, at);
  if (found) return found;
  const { index, of } = value as { readonly index: number; readonly of: number };
  return index < of ? undefined : problem(`${at}.index`, 'an integer below `of`');
};

const committedEvent = object({
  committed: array(
    object({
      project: string(1),
      env: string(1),
      kind: itemKind,
      key: string(1),
      version: integer(),
      data: optional(record),
      previous: optional(record),
      changedAt: optional(number),
      committedAt: optional(number),
      sequence: string(),
    }),
  ),
  part: optional(fastPathPart),
  handoff: optional(string(1)),
});

const sliceTask = object({
  project: string(1),
  env: string(1),
  slice: integer(0),
  startAfter: optional(string(1)),
  frames: array(string(), 1),
  // The batch for browser connections (see `ClientBatch`); absent in tasks from before it existed.
  client: optional(
    object({
      changes: array(
        object({
          kind: itemKind,
          key: string(1),
          version: integer(),
          deleted: optional(oneOf(true)),
          previous: optional(record),
        }),
      ),
      uncertainSince: optional(number),
      complete: oneOf(true, false),
    }),
  ),
  // A retry of the connections whose posts failed (see `SliceTask`).
  connections: optional(array(string(1), 1, 10_000)),
  attempt: optional(integer(1)),
  serversBefore: optional(number),
});

export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

const reader =
  <T>(check: Check) =>
  (value: unknown): Read<T> => {
    const found = check(value, '');
    return found === undefined ? { ok: true, value: value as T } : { ok: false, problem: found };
  };

/**
 * The fan-out's asynchronous invocation by the write path, or what is wrong with it.
 *
 * @example
 * readCommittedEvent({ committed: [] }); // → { ok: true, value: { committed: [] } }
 * readCommittedEvent({ committed: [{ project: 'p' }] }); // → { ok: false, problem: 'committed[0].env: expected a non-empty string' }
 */
export const readCommittedEvent: (value: unknown) => Read<CommittedEvent> = reader(committedEvent);

/**
 * A fan-out worker's task, or what is wrong with it.
 *
 * @example
 * readSliceTask({ project: 'p', env: 'e', slice: 0, frames: ['{}'] }); // → { ok: true, value: … }
 * readSliceTask({ project: 'p', env: 'e', slice: 0, frames: [] }); // → { ok: false, problem: 'frames: expected an array of 1+ items' }
 */
export const readSliceTask: (value: unknown) => Read<SliceTask> = reader(sliceTask);
