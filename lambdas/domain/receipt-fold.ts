/**
 * The aggregator's half of delivery receipts: a batch's `ack` events, added up per change in
 * memory, so each change gets one write per batch whatever the number of SDKs that acked it. Kept
 * apart from the evaluation counters; pure.
 */
import { type AckEvent, HISTOGRAM_BUCKETS, latencyBucket } from './receipts.js';

/** A record's envelope, as far as acks go. */
export interface AckEnvelope {
  readonly project: string;
  readonly env: string;
  readonly events: readonly unknown[];
}

/** What one record (source) added to a change. */
export interface AckContribution {
  readonly acks: number;
  /** Acks per latency bucket (acks without a latency are in no bucket). */
  readonly histogram: readonly number[];
}

/** One change's acks in a batch, by record. */
export interface ChangeAcks {
  readonly project: string;
  readonly env: string;
  readonly flag: string;
  readonly version: number;
  /** Source indexes (records, in order) that acked it, and what each added. */
  readonly sources: readonly number[];
  readonly contributions: readonly AckContribution[];
}

const isAck = (event: unknown): event is AckEvent => {
  const e = event as Partial<AckEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.kind === 'ack' &&
    typeof e.flag === 'string' &&
    typeof e.version === 'number' &&
    Number.isSafeInteger(e.version) &&
    e.version >= 0 &&
    (e.latencyMs === undefined || (typeof e.latencyMs === 'number' && Number.isFinite(e.latencyMs)))
  );
};

/**
 * Adds up the acks of the given records. `envelopes[i]` is record i's envelope (undefined: skip it);
 * sources come out in record order, as the watermarks need.
 *
 * @example
 * foldAcks([{ project: 'p', env: 'e', events: [{ kind: 'ack', flag: 'f', version: 3, latencyMs: 80 }] }]);
 * // → [{ project: 'p', env: 'e', flag: 'f', version: 3, sources: [0], contributions: [{ acks: 1, histogram: [0, 0, 1, …] }] }]
 */
export function foldAcks(envelopes: readonly (AckEnvelope | undefined)[]): ChangeAcks[] {
  const changes = new Map<
    string,
    { project: string; env: string; flag: string; version: number; bySource: Map<number, AckContribution> }
  >();
  envelopes.forEach((envelope, source) => {
    if (!envelope) return;
    for (const event of envelope.events) {
      if (!isAck(event)) continue;
      const id = JSON.stringify([envelope.project, envelope.env, event.flag, event.version]);
      let change = changes.get(id);
      if (!change) {
        change = {
          project: envelope.project,
          env: envelope.env,
          flag: event.flag,
          version: event.version,
          bySource: new Map(),
        };
        changes.set(id, change);
      }
      const held = change.bySource.get(source) ?? {
        acks: 0,
        histogram: new Array(HISTOGRAM_BUCKETS).fill(0),
      };
      const histogram = held.histogram as number[];
      if (event.latencyMs !== undefined) {
        const bucket = latencyBucket(event.latencyMs);
        histogram[bucket] = (histogram[bucket] as number) + 1;
      }
      change.bySource.set(source, { acks: held.acks + 1, histogram });
    }
  });
  return [...changes.values()].map(({ bySource, ...change }) => {
    const sources = [...bySource.keys()].sort((a, b) => a - b);
    return { ...change, sources, contributions: sources.map((s) => bySource.get(s) as AckContribution) };
  });
}

/** What a change's receipt has not seen yet: the acks of records after its watermark. */
export interface AckRemainder extends AckContribution {
  /** Sequence keys of the first and last record still to apply. */
  readonly first: string;
  readonly last: string;
}

/**
 * The acks of `change` from records after `watermark` (a `sequenceKey`; undefined: none applied).
 * Undefined when the receipt already holds them all (a redelivered batch).
 */
export function acksAfter(
  change: ChangeAcks,
  sequenceKeys: readonly string[],
  watermark: string | undefined,
): AckRemainder | undefined {
  let acks = 0;
  const histogram = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  let first: string | undefined;
  let last = '';
  change.sources.forEach((source, i) => {
    const key = sequenceKeys[source] as string;
    if (watermark !== undefined && key <= watermark) return;
    first ??= key;
    last = key;
    const contribution = change.contributions[i] as AckContribution;
    acks += contribution.acks;
    contribution.histogram.forEach((n, bucket) => {
      histogram[bucket] = (histogram[bucket] as number) + n;
    });
  });
  return first === undefined ? undefined : { acks, histogram, first, last };
}
