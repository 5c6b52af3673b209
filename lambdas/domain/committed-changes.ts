/**
 * The fast path's half of reading a change: a committed control-plane transaction, reduced to the
 * same {@link ItemChange}s the flags table's stream would yield for it, so the fan-out delivers both
 * the same way. Pure: the write path hands these to delivery right after the commit.
 */

import type { Write } from '../services/ports.js';
import { type ItemChange, type ItemKind, tombstoneVersion } from './delivery.js';
import type { AuditEntry, GlobalAuditEntry } from './response-schemas.js';

/** What the fan-out's stream reader strips from an image too: a segment's dashboard metadata. */
const visible = (value: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const { meta: _meta, ...rest } = value;
  return rest;
};

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The per-environment flag and segment changes a committed transaction made, as delivery changes:
 * a put is a patch at its new version, a delete a tombstone one above the deleted version. The item
 * before the change (`previous`, which browser delivery compares against) is the `before` of the
 * transaction's audit entry for that item — written in the same transaction, so it is exactly the
 * stream record's old image; an item with no such entry was created. `sequence` is `${id}#${n}`:
 * the stream's partial-failure reporting has no use for it here.
 *
 * @example
 * changesOfCommit(
 *   [{ ref: { kind: 'flagConfig', project: 'p', env: 'e', flag: 'f' }, value: config, expect: 3 }],
 *   [audit], Date.now(), 'api-7',
 * ); // → [{ project: 'p', env: 'e', kind: 'flag', key: 'f', version: 4, data: config, previous, … }]
 */
export function changesOfCommit(
  writes: readonly Write[],
  audit: readonly (AuditEntry | GlobalAuditEntry)[],
  committedAt: number,
  id: string,
): ItemChange[] {
  const before = new Map<string, unknown>();
  for (const entry of audit) {
    if ((entry.resource === 'flag' || entry.resource === 'segment') && entry.env !== undefined) {
      before.set(`${entry.resource}#${entry.project}#${entry.env}#${entry.key}`, entry.before);
    }
  }
  const changes: ItemChange[] = [];
  for (const write of writes) {
    if (write.check) continue;
    let kind: ItemKind;
    let key: string;
    if (write.ref.kind === 'flagConfig') {
      kind = 'flag';
      key = write.ref.flag;
    } else if (write.ref.kind === 'segment') {
      kind = 'segment';
      key = write.ref.segment;
    } else continue;
    const { project, env } = write.ref;
    const previous = before.get(`${kind}#${project}#${env}#${key}`);
    const common = {
      project,
      env,
      kind,
      key,
      sequence: `${id}#${changes.length}`,
      changedAt: committedAt,
      committedAt,
      ...(isRecord(previous) ? { previous: visible(previous) } : {}),
    };
    if (write.value !== undefined) {
      const data = visible(write.value as unknown as Record<string, unknown>);
      if (typeof data.version !== 'number') continue;
      changes.push({ ...common, version: data.version, data });
      continue;
    }
    // A delete is conditioned on the version it removes; the audit's image carries it too.
    const deleted =
      typeof write.expect === 'number'
        ? write.expect
        : isRecord(previous) && typeof previous.version === 'number'
          ? previous.version
          : undefined;
    if (deleted !== undefined) changes.push({ ...common, version: tombstoneVersion(deleted) });
  }
  return changes;
}

/**
 * The payload of the fan-out's asynchronous invocation by the write path (beside its stream
 * batches, which carry `Records`).
 */
export interface CommittedEvent {
  readonly committed: readonly ItemChange[];
  /** The slices this invocation delivers to. @default all of them */
  readonly part?: FastPathPart;
  /**
   * The hand-off's id when each part is sent to several invocations (hedging): the first of a
   * part's replicas to claim `(handoff, part.index)` posts, the others stop. @default no claim
   */
  readonly handoff?: string;
}

/** One of the fast path's invocations: the slices `s` with `s % of === index`. */
export interface FastPathPart {
  readonly index: number;
  readonly of: number;
}

/**
 * Fan-out invocations the write path starts per committed change, each for every eighth slice: 5,000
 * connections cost one invocation 625 signed posts (~95 ms of one vCPU) instead of 750 ms in one,
 * and no worker's second asynchronous hop and cold start (docs/delivery.md, "Fast path"; chosen
 * with `npm run sim:delivery`).
 */
export const FAST_PATH_PARTS = 8;

/**
 * Invocations per part: an asynchronous invocation waits in Lambda's queue and sometimes for a cold
 * start, and the slowest of the eight parts set the p99; with two replicas racing for a claim, each
 * part waits for the quicker of two starts (docs/delivery.md, "Fast path"; `npm run sim:delivery`).
 */
export const FAST_PATH_REPLICAS = 2;

export interface FastPathShape {
  /** @default FAST_PATH_PARTS */
  readonly parts?: number;
  /** @default 1 */
  readonly replicas?: number;
  /** The hand-off's unique id; required with more than one replica. */
  readonly handoff?: string;
}

/**
 * The events of one hand-off: the same changes for each of the `parts` invocations, `replicas`
 * times over.
 *
 * @example
 * fastPathEvents(changes, { parts: 2 }); // [{ committed: changes, part: { index: 0, of: 2 } }, { …, part: { index: 1, of: 2 } }]
 * fastPathEvents(changes, { parts: 2, replicas: 2, handoff: 'h-1' }); // four events, each with `handoff: 'h-1'`
 */
export function fastPathEvents(
  committed: readonly ItemChange[],
  shape: FastPathShape = {},
): CommittedEvent[] {
  const { parts = FAST_PATH_PARTS, replicas = 1, handoff } = shape;
  if (replicas > 1 && handoff === undefined) throw new Error('replicas need a hand-off id to claim parts');
  const claim = replicas > 1 ? { handoff } : {};
  return Array.from({ length: replicas * parts }, (_, i) => ({
    committed,
    part: { index: i % parts, of: parts },
    ...claim,
  }));
}
