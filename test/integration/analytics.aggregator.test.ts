import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope, SummaryEvent } from '@switchboard/core/events';
import type { KinesisStreamRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { lastEvaluatedKey, RETENTION_MS } from '../../lambdas/adapters/dynamodb/analytics-keys.js';
import { DynamoAnalyticsStore } from '../../lambdas/adapters/dynamodb/analytics-store.js';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { createAggregatorHandler } from '../../lambdas/aggregator.js';
import type { AggregatedCount, LastEvaluated } from '../../lambdas/domain/aggregate.js';
import type { AnalyticsWriter, PartClaim, StreamPosition } from '../../lambdas/services/analytics-ports.js';
import { IngestService } from '../../lambdas/services/ingest-service.js';
import { runBatch } from '../../packages/local/src/pollers/batch-runner.js';
import { kinesisEvent, kinesisRecord } from '../helpers/kinesis-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Today, 01:30:15 UTC: counters expire (DynamoDB TTL, which DynamoDB Local enforces) two days after
 * their minute bucket, so test times must follow the calendar.
 */
const HOUR = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 3_600_000;
const MINUTE = HOUR + 30 * 60_000;
const T = MINUTE + 15_000;
const quiet = () => {};

let store: DynamoAnalyticsStore;
let env: string;
let envCounter = 0;

beforeEach(async () => {
  if (!store) {
    await createIsolatedTables();
    store = new DynamoAnalyticsStore(sharedDocumentClient());
  }
  // Each test counts into an environment of its own.
  env = `env-${++envCounter}`;
});

const summary = (
  features: Record<string, [variation: number | undefined, count: number][]>,
): SummaryEvent => ({
  kind: 'summary',
  startDate: T - 10_000,
  endDate: T,
  features: Object.fromEntries(
    Object.entries(features).map(([flag, counters]) => [
      flag,
      {
        counters: counters.map(([variation, count]) => ({
          ...(variation === undefined ? {} : { variation }),
          version: 1,
          value: variation ?? null,
          count,
        })),
      },
    ]),
  ),
});
const envelope = (...events: EventEnvelope['events']): EventEnvelope => ({
  v: 1,
  project: 'shop',
  env,
  receivedAt: T + 1_000,
  events,
});

/** `records` records, record i evaluating flags a, b, c with varied variations and counts. */
function batch(records: number, from = 0): KinesisStreamRecord[] {
  return Array.from({ length: records }, (_, k) => {
    const i = from + k;
    return kinesisRecord(
      envelope(
        summary({
          a: [
            [0, i + 1],
            [1, 2],
          ],
          b: [[i % 3, 10]],
          c: [[undefined, 1]],
        }),
        { kind: 'custom', key: 'checkout', contextKeys: { user: `u${i}` }, creationDate: T, metricValue: 2 },
      ),
      i,
    );
  });
}

/** The exact totals `batch(records)` must produce, from summing the inputs directly. */
function expectedTotals(records: number): Record<string, number> {
  const totals: Record<string, number> = {};
  const add = (key: string, n: number) => {
    totals[key] = (totals[key] ?? 0) + n;
  };
  for (let i = 0; i < records; i++) {
    add('a 0', i + 1);
    add('a 1', 2);
    add(`b ${i % 3}`, 10);
    add('c default', 1);
  }
  return totals;
}

async function storedTotals(granularity: 'minute' | 'hour' = 'minute'): Promise<Record<string, number>> {
  const bucket = granularity === 'minute' ? MINUTE : HOUR;
  const totals: Record<string, number> = {};
  for (const flag of ['a', 'b', 'c']) {
    const counts = await store.counts({
      project: 'shop',
      env,
      flag,
      granularity,
      from: bucket,
      to: bucket + 1,
    });
    for (const c of counts) totals[`${flag} ${c.variation ?? 'default'}`] = c.count;
  }
  return totals;
}

async function customCount(): Promise<{ count: number; metricSum: number }> {
  const { Items } = await sharedDocumentClient().send(
    new ScanCommand({
      TableName: process.env.ANALYTICS_TABLE,
      ConsistentRead: true,
      FilterExpression: 'pk = :pk AND begins_with(sk, :minute)',
      ExpressionAttributeValues: { ':pk': `ENV#shop#${env}#EVENT#checkout`, ':minute': 'minute#' },
    }),
  );
  const item = Items?.[0] ?? {};
  return { count: Number(item.count ?? 0), metricSum: Number(item.metricSum ?? 0) };
}

/** Wraps the real store: from the `failAt`-th counter write on, `failures` writes fail. */
function flaky(options: {
  failAt: number;
  failures: number;
  afterWriting?: boolean;
}): AnalyticsWriter & { calls: number } {
  let failed = 0;
  const writer = {
    calls: 0,
    async addCount(count: AggregatedCount, position: StreamPosition) {
      writer.calls++;
      const fail = writer.calls >= options.failAt && failed < options.failures;
      if (fail && !options.afterWriting) {
        failed++;
        throw new Error('injected failure before the write');
      }
      const result = await store.addCount(count, position);
      if (fail) {
        failed++;
        // The write happened; the caller never hears so (a lost response, a timeout).
        throw new Error('injected failure after the write');
      }
      return result;
    },
    touchLastEvaluated: (last: LastEvaluated) => store.touchLastEvaluated(last),
    claimPart: (claim: PartClaim, holder: string) => store.claimPart(claim, holder),
  };
  return writer;
}

/** Plays the records through the local runtime's poller semantics (Lambda's retry rules). */
async function deliver(
  records: KinesisStreamRecord[],
  invoke: (records: readonly KinesisStreamRecord[]) => Promise<unknown>,
  settings = { retryAttempts: 5, bisectBatchOnError: true, reportBatchItemFailures: true },
) {
  return runBatch({ records, identify: (r) => r.kinesis.sequenceNumber, invoke, settings });
}

describe('aggregator', () => {
  it('adds a batch up and writes one update per distinct counter', async () => {
    let writes = 0;
    const handler = createAggregatorHandler({
      log: quiet,
      writer: {
        addCount: (count, position) => {
          writes++;
          return store.addCount(count, position);
        },
        touchLastEvaluated: (last) => store.touchLastEvaluated(last),
        claimPart: (claim, holder) => store.claimPart(claim, holder),
      },
    });
    const result = await handler(kinesisEvent(batch(20)));
    expect(result.batchItemFailures).toEqual([]);
    // a0, a1, b0, b1, b2, c(default), checkout — each in a minute and an hour bucket.
    expect(writes).toBe(14);
    expect(await storedTotals('minute')).toEqual(expectedTotals(20));
    expect(await storedTotals('hour')).toEqual(expectedTotals(20));
    expect(await customCount()).toEqual({ count: 20, metricSum: 40 });
  });

  it('records each flag’s last evaluation time per environment', async () => {
    await createAggregatorHandler({ log: quiet })(kinesisEvent(batch(2)));
    const last = await store.lastEvaluated('shop', ['a', 'c', 'never']);
    expect(last.get('a')?.[env]).toBe(T);
    expect(last.get('c')?.[env]).toBe(T);
    expect(last.get('never')).toBeUndefined();
  });

  // Any client-side id can name flags that do not exist: their items must not pile up for ever.
  it('keeps a last evaluation time as long as hour counters, from the latest evaluation', async () => {
    await createAggregatorHandler({ log: quiet })(kinesisEvent(batch(2)));
    const { Item } = await sharedDocumentClient().send(
      new GetCommand({ TableName: process.env.ANALYTICS_TABLE, Key: lastEvaluatedKey('shop', 'a') }),
    );
    expect(Item?.ttl).toBe(Math.floor((T + RETENTION_MS.hour) / 1000));
  });

  describe('counts exactly once when a batch fails half-way and is delivered again', () => {
    it.each([
      ['a write fails before reaching DynamoDB', { failAt: 4, failures: 1 }],
      ['a write reaches DynamoDB but its answer is lost', { failAt: 4, failures: 1, afterWriting: true }],
      ['several writes fail in a row', { failAt: 2, failures: 5, afterWriting: true }],
    ])('%s (poller retries with batchItemFailures and bisection)', async (_name, options) => {
      const writer = flaky(options);
      const handler = createAggregatorHandler({ log: quiet, writer, concurrency: 1 });
      const outcome = await deliver(batch(30), (records) => handler(kinesisEvent(records)));
      expect(outcome.skipped).toBe(0);
      expect(outcome.invocations).toBeGreaterThan(1);
      expect(await storedTotals('minute')).toEqual(expectedTotals(30));
      expect(await storedTotals('hour')).toEqual(expectedTotals(30));
      expect(await customCount()).toEqual({ count: 30, metricSum: 60 });
    });

    it('when the handler throws half-way and the poller bisects the batch', async () => {
      let calls = 0;
      const handler = createAggregatorHandler({ log: quiet, concurrency: 1 });
      const outcome = await deliver(
        batch(16),
        async (records) => {
          // The first invocation writes part of its counters, then dies.
          if (++calls === 1) {
            const partial = createAggregatorHandler({
              log: quiet,
              writer: flaky({ failAt: 6, failures: 99 }),
              concurrency: 1,
            });
            await partial(kinesisEvent(records));
            throw new Error('invocation crashed');
          }
          return handler(kinesisEvent(records));
        },
        { retryAttempts: 3, bisectBatchOnError: true, reportBatchItemFailures: true },
      );
      expect(outcome.skipped).toBe(0);
      expect(await storedTotals()).toEqual(expectedTotals(16));
    });

    it('when a whole batch is delivered twice, and then again with more records after it', async () => {
      const handler = createAggregatorHandler({ log: quiet });
      await handler(kinesisEvent(batch(10)));
      await handler(kinesisEvent(batch(10)));
      expect(await storedTotals()).toEqual(expectedTotals(10));
      // A redelivery can start earlier and end later than what was applied.
      await handler(kinesisEvent([...batch(10).slice(5), ...batch(10, 10)]));
      expect(await storedTotals()).toEqual(expectedTotals(20));
      expect(await customCount()).toEqual({ count: 20, metricSum: 40 });
    });

    it('keeps shards apart: the same sequence numbers on another shard still count', async () => {
      const handler = createAggregatorHandler({ log: quiet });
      await handler(kinesisEvent(batch(5)));
      const otherShard = batch(5).map((r) => ({
        ...r,
        eventID: r.eventID.replace('shardId-000000000000', 'shardId-000000000001'),
      }));
      await handler(kinesisEvent(otherShard));
      const totals = await storedTotals();
      expect(totals['a 1']).toBe(20);
    });
  });

  it('reports the earliest record with an unwritten effect, not the whole batch', async () => {
    const handler = createAggregatorHandler({
      log: quiet,
      writer: {
        addCount: async (count, position) => {
          // Counters that only records 3 and later touch fail.
          if (count.kind === 'evaluation' && count.flag === 'late') throw new Error('throttled');
          return store.addCount(count, position);
        },
        touchLastEvaluated: (last) => store.touchLastEvaluated(last),
        claimPart: (claim, holder) => store.claimPart(claim, holder),
      },
    });
    const records = [
      ...batch(3),
      kinesisRecord(envelope(summary({ late: [[0, 1]] })), 3),
      kinesisRecord(envelope(summary({ a: [[0, 1]] })), 4),
    ];
    const result = await handler(kinesisEvent(records));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[3]?.kinesis.sequenceNumber }]);
  });

  it('sets aside a counter the store refuses and counts everything packed with it', async () => {
    const logged: string[] = [];
    const handler = createAggregatorHandler({ log: (message) => logged.push(message) });
    const records = batch(3);
    // Ingest refuses such a value now; a record written before that (or by another producer) must
    // still not hold the shard back, nor take the other events of its record with it.
    records[1] = kinesisRecord(
      envelope(
        summary({
          a: [
            [0, 2],
            [1, 2],
          ],
          b: [[1, 10]],
          c: [[undefined, 1]],
        }),
        { kind: 'custom', key: 'poison', contextKeys: { user: 'u1' }, creationDate: T, metricValue: 1e300 },
        { kind: 'custom', key: 'checkout', contextKeys: { user: 'u1' }, creationDate: T, metricValue: 2 },
      ),
      1,
    );
    const result = await handler(kinesisEvent(records));
    expect(result.batchItemFailures).toEqual([]);
    expect(await storedTotals('minute')).toEqual(expectedTotals(3));
    expect(await customCount()).toEqual({ count: 3, metricSum: 6 });
    expect(logged).toContain('Aggregator set aside a counter the store refused');
  });

  describe('a retried post that was partly written the first time', () => {
    /** Ingest into a sink that keeps what it was given and fails after `failAfter` records. */
    async function post(payloadId: string | undefined, published: string[], failAfter = Infinity) {
      const sink = {
        publish: async (records: readonly string[]) => {
          for (const [i, record] of records.entries()) {
            if (i >= failAfter) throw new Error('injected: PutRecords failed for the rest');
            published.push(record);
          }
        },
      };
      const ingest = new IngestService(sink, { now: () => new Date(T + 1_000) }, 2_048);
      const events = Array.from({ length: 40 }, (_, i) => ({
        kind: 'custom' as const,
        key: 'checkout',
        contextKeys: { user: `u${i}` },
        creationDate: T,
        metricValue: 1,
      }));
      return ingest
        .ingest({ project: 'shop', env }, events, payloadId)
        .then(() => 'ok')
        .catch(() => 'failed');
    }

    it('counts once when the SDK named the post', async () => {
      const published: string[] = [];
      expect(await post('3b0c7f4e-payload', published, 2)).toBe('failed');
      expect(await post('3b0c7f4e-payload', published)).toBe('ok');
      // Both attempts' records reach the stream: the first two parts twice.
      expect(published.length).toBeGreaterThan(4);
      const result = await createAggregatorHandler({ log: quiet })(
        kinesisEvent(published.map((record, i) => kinesisRecord(record, i))),
      );
      expect(result.batchItemFailures).toEqual([]);
      expect(await customCount()).toEqual({ count: 40, metricSum: 40 });
    });

    it('keeps counting once when the copies arrive in separate, redelivered batches', async () => {
      const published: string[] = [];
      await post('payload-two', published, 3);
      await post('payload-two', published);
      const records = published.map((record, i) => kinesisRecord(record, i));
      const handler = createAggregatorHandler({ log: quiet });
      await handler(kinesisEvent(records.slice(0, 3)));
      await handler(kinesisEvent(records));
      await handler(kinesisEvent(records.slice(3)));
      expect(await customCount()).toEqual({ count: 40, metricSum: 40 });
    });
  });

  it('drops records that hold no envelope instead of failing the batch forever', async () => {
    const handler = createAggregatorHandler({ log: quiet });
    const result = await handler(kinesisEvent([kinesisRecord('not json', 0), ...batch(2, 1)]));
    expect(result.batchItemFailures).toEqual([]);
    expect((await storedTotals())['a 1']).toBe(4);
  });
});
