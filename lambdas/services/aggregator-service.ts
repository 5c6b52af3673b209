import { EVENT_LIMITS, type EventEnvelope } from '@switchboard/core/events';
import { EventAggregator } from '../domain/aggregate.js';
import { foldAcks } from '../domain/receipt-fold.js';
import { sequenceKey } from '../domain/watermark.js';
import { UnwritableError } from '../errors.js';
import type { AnalyticsWriter, StreamPosition } from './analytics-ports.js';
import type { ReceiptWriter } from './receipt-ports.js';

/** One Kinesis record as the aggregator needs it. */
export interface StreamRecord {
  readonly shard: string;
  readonly sequenceNumber: string;
  /** The record's data, decoded (a JSON `EventEnvelope`). */
  readonly data: string;
}

export interface AggregationResult {
  /** Sequence number of the earliest record whose effect is not fully written; absent when all is. */
  readonly failedFrom?: string;
  readonly events: number;
  /** Counter updates that added something. */
  readonly writes: number;
  /** Counter updates that found everything already counted (a redelivery). */
  readonly skipped: number;
  /** Records that held no valid envelope (logged and dropped: retrying cannot fix them). */
  readonly malformed: number;
  /**
   * Counters, and records' part claims, the store refused for their content (logged and set aside:
   * retrying cannot fix them, and failing the batch would hold back every other event packed in the
   * same records).
   */
  readonly setAside: number;
  /** Records skipped as copies of a part another record already counts (a retried post). */
  readonly duplicates: number;
}

export interface AggregatorOptions {
  /** Concurrent writes. @default 16 */
  readonly concurrency?: number;
  readonly log?: (message: string, detail?: unknown) => void;
  /** Where SDK acks go (delivery receipts); without it they are ignored. */
  readonly receipts?: ReceiptWriter;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

function isCounter(counter: unknown): boolean {
  if (!isObject(counter) || !isFiniteNumber(counter.count)) return false;
  const { variation } = counter;
  return (
    variation === undefined ||
    (Number.isInteger(variation) &&
      (variation as number) >= 0 &&
      (variation as number) < EVENT_LIMITS.variationBound)
  );
}

/**
 * Whether an event has the form of what the aggregator reads of it. Ingest sends nothing else, but
 * one malformed record must not stop its shard: the aggregator would throw on it at every retry.
 * Events of other kinds are ignored, as a newer ingest may send kinds this aggregator does not count.
 */
function isCountable(event: unknown): boolean {
  if (!isObject(event)) return false;
  if (event.kind === 'custom') {
    return (
      typeof event.key === 'string' &&
      isFiniteNumber(event.creationDate) &&
      (event.metricValue === undefined || isFiniteNumber(event.metricValue))
    );
  }
  if (event.kind !== 'summary') return typeof event.kind === 'string';
  return (
    isFiniteNumber(event.endDate) &&
    isObject(event.features) &&
    Object.values(event.features).every(
      (feature) => isObject(feature) && Array.isArray(feature.counters) && feature.counters.every(isCounter),
    )
  );
}

function parseEnvelope(data: string): EventEnvelope | undefined {
  try {
    const value = JSON.parse(data) as Partial<EventEnvelope>;
    if (
      value?.v === 1 &&
      typeof value.project === 'string' &&
      typeof value.env === 'string' &&
      isFiniteNumber(value.receivedAt) &&
      (value.payloadId === undefined || typeof value.payloadId === 'string') &&
      (value.part === undefined || (Number.isSafeInteger(value.part) && value.part >= 0)) &&
      Array.isArray(value.events) &&
      value.events.every(isCountable)
    ) {
      return value as EventEnvelope;
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** Runs `tasks` with at most `limit` in flight; never rejects. */
async function settleAll(
  tasks: readonly (() => Promise<unknown>)[],
  limit: number,
): Promise<PromiseSettledResult<unknown>[]> {
  const results: PromiseSettledResult<unknown>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) {
      try {
        results[i] = { status: 'fulfilled', value: await (tasks[i] as () => Promise<unknown>)() };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * The aggregator: adds a whole batch of records up in memory ({@link EventAggregator}), then makes
 * one write per distinct counter and one per flag's last-evaluated time. Counter writes are
 * idempotent per record (see {@link AnalyticsWriter.addCount}), so a failed batch can be delivered
 * again, whole, bisected or from its first failed record, and every event still counts once. On
 * failure it names the earliest record with an unwritten effect, for `batchItemFailures`.
 */
export class AggregatorService {
  private readonly concurrency: number;
  private readonly log: (message: string, detail?: unknown) => void;
  private readonly receipts: ReceiptWriter | undefined;

  constructor(
    private readonly writer: AnalyticsWriter,
    options: AggregatorOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
    this.log = options.log ?? ((message, detail) => console.warn(message, detail ?? ''));
    this.receipts = options.receipts;
  }

  /**
   * Claims each named part for its record: the sources (positions in `indexes`) that are copies of
   * a part another record counts, those whose claim the store refuses for what it holds (set aside:
   * no retry can claim them), and the first source whose claim failed (nothing from it on may be
   * counted in this invocation: its retry claims again).
   */
  private async claimParts(
    shard: string,
    records: readonly StreamRecord[],
    indexes: readonly number[],
    envelopes: readonly (EventEnvelope | undefined)[],
  ): Promise<{ duplicates: Set<number>; refused: Set<number>; failedAt?: number }> {
    const duplicates = new Set<number>();
    const refused = new Set<number>();
    const named = envelopes.flatMap((envelope, source) =>
      envelope?.payloadId !== undefined && envelope.part !== undefined
        ? [
            {
              source,
              claim: {
                project: envelope.project,
                env: envelope.env,
                payloadId: envelope.payloadId,
                part: envelope.part,
              },
            },
          ]
        : [],
    );
    const results = await settleAll(
      named.map(({ source, claim }) => () => {
        const sequence = (records[indexes[source] as number] as StreamRecord).sequenceNumber;
        return this.writer.claimPart(claim, `${shard}/${sequence}`);
      }),
      this.concurrency,
    );
    let failedAt: number | undefined;
    results.forEach((result, i) => {
      const { source } = named[i] as (typeof named)[number];
      if (result.status === 'rejected' && result.reason instanceof UnwritableError) {
        refused.add(source);
        this.log('Aggregator set aside a record whose part the store refused', result.reason.message);
      } else if (result.status === 'rejected') {
        failedAt = Math.min(failedAt ?? source, source);
        this.log('Aggregator could not claim a payload part; it will be retried', result.reason);
      } else if (result.value === false) duplicates.add(source);
    });
    return failedAt === undefined ? { duplicates, refused } : { duplicates, refused, failedAt };
  }

  async process(records: readonly StreamRecord[]): Promise<AggregationResult> {
    // A Lambda batch comes from one shard; grouping keeps the watermarks right even if not.
    const shards = new Map<string, number[]>();
    records.forEach((record, index) => {
      const group = shards.get(record.shard) ?? [];
      group.push(index);
      shards.set(record.shard, group);
    });
    let events = 0;
    let writes = 0;
    let skipped = 0;
    let malformed = 0;
    let setAside = 0;
    let duplicates = 0;
    let failedIndex = Number.POSITIVE_INFINITY;
    for (const [shard, all] of shards) {
      const envelopes = all.map((recordIndex) => {
        const record = records[recordIndex] as StreamRecord;
        const envelope = parseEnvelope(record.data);
        if (!envelope) {
          malformed++;
          this.log(`Dropping malformed event record ${record.sequenceNumber} of ${shard}`);
        }
        return envelope;
      });
      const claims = await this.claimParts(shard, records, all, envelopes);
      // Records from the first whose claim could not be made are left for the retry.
      const indexes = claims.failedAt === undefined ? all : all.slice(0, claims.failedAt);
      if (claims.failedAt !== undefined) failedIndex = Math.min(failedIndex, all[claims.failedAt] as number);
      duplicates += [...claims.duplicates].filter((source) => source < indexes.length).length;
      setAside += [...claims.refused].filter((source) => source < indexes.length).length;
      const aggregator = new EventAggregator();
      indexes.forEach((_recordIndex, source) => {
        const envelope = envelopes[source];
        if (envelope && !claims.duplicates.has(source) && !claims.refused.has(source)) {
          aggregator.add(envelope, source);
        }
      });
      events += aggregator.eventCount;
      const position: StreamPosition = {
        shard,
        sequenceKeys: indexes.map((i) => sequenceKey((records[i] as StreamRecord).sequenceNumber)),
      };
      const counts = aggregator.counts();
      const lasts = aggregator.lastEvaluated();
      const { receipts } = this;
      const acks = receipts
        ? foldAcks(
            indexes.map((_recordIndex, source) =>
              claims.duplicates.has(source) || claims.refused.has(source) ? undefined : envelopes[source],
            ),
          )
        : [];
      const results = await settleAll(
        [
          ...counts.map((count) => () => this.writer.addCount(count, position)),
          ...lasts.map((last) => () => this.writer.touchLastEvaluated(last)),
          ...acks.map((change) => () => (receipts as ReceiptWriter).addAcks(change, position)),
        ],
        this.concurrency,
      );
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') {
          if (i < counts.length) {
            if (result.value) writes++;
            else skipped++;
          }
          return;
        }
        if (result.reason instanceof UnwritableError) {
          setAside++;
          this.log('Aggregator set aside a counter the store refused', result.reason.message);
          return;
        }
        const firstSource =
          i < counts.length
            ? (counts[i]?.sources[0] as number)
            : i < counts.length + lasts.length
              ? (lasts[i - counts.length]?.firstSource as number)
              : (acks[i - counts.length - lasts.length]?.sources[0] as number);
        failedIndex = Math.min(failedIndex, indexes[firstSource] as number);
        this.log(
          `Aggregator write failed; records from ${records[indexes[firstSource] as number]?.sequenceNumber} will be retried`,
          result.reason,
        );
      });
    }
    const failed = Number.isFinite(failedIndex) ? records[failedIndex] : undefined;
    return {
      events,
      writes,
      skipped,
      malformed,
      setAside,
      duplicates,
      ...(failed ? { failedFrom: failed.sequenceNumber } : {}),
    };
  }
}
