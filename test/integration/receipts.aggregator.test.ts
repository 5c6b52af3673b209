import type { EventEnvelope } from '@switchboard/core/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { DynamoReceiptStore } from '../../lambdas/adapters/dynamodb/receipt-store.js';
import { createAggregatorHandler } from '../../lambdas/aggregator.js';
import { LATENCY_BOUNDS_MS } from '../../lambdas/domain/receipts.js';
import { ackPayloadId } from '../../lambdas/services/receipt-service.js';
import { kinesisEvent, kinesisRecord } from '../helpers/kinesis-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Delivery receipts against DynamoDB Local: the aggregator's ack writes (one per change per batch,
 * idempotent under redelivery) and the fan-out's connection counts (one per delivery part).
 */
let store: DynamoReceiptStore;
let envCounter = 0;
const quiet = () => {};

beforeAll(async () => {
  await createIsolatedTables();
  store = new DynamoReceiptStore(sharedDocumentClient());
});

const acks = (env: string, ...latencies: number[]) =>
  ({
    v: 1,
    project: 'shop',
    env,
    receivedAt: Date.now(),
    events: latencies.map((latencyMs) => ({ kind: 'ack', flag: 'beta', version: 7, latencyMs })),
  }) as unknown as EventEnvelope;

describe('delivery receipts in DynamoDB', () => {
  it('adds every ack of a batch to its change once, even when the batch and part of it are delivered again', async () => {
    const env = `env-${++envCounter}`;
    const handler = createAggregatorHandler({ log: quiet });
    const records = Array.from({ length: 6 }, (_, i) => kinesisRecord(acks(env, 80, 120 + i), i + 1));
    expect(await handler(kinesisEvent(records))).toEqual({ batchItemFailures: [] });
    await handler(kinesisEvent(records));
    await handler(kinesisEvent([...records.slice(3), kinesisRecord(acks(env, 400), 7)]));
    const [receipt] = await store.latest({ project: 'shop', env }, 'beta', 1_000, 5);
    expect(receipt).toMatchObject({ version: 7, acks: 13 });
    const bucket = (bound: number) => receipt?.histogram[LATENCY_BOUNDS_MS.indexOf(bound)];
    expect([bucket(100), bucket(150), bucket(500)]).toEqual([6, 6, 1]);
  });

  it('counts an ack once when its record reaches the stream twice (a PutRecord retried after a lost answer)', async () => {
    const env = `env-${++envCounter}`;
    const handler = createAggregatorHandler({ log: quiet });
    const named = (connectionId: string, latencyMs: number) =>
      ({
        ...(acks(env, latencyMs) as object),
        payloadId: ackPayloadId(connectionId, { kind: 'flag', key: 'beta', version: 7 }),
        part: 0,
      }) as unknown as EventEnvelope;
    const [first, second] = [named('a1=', 80), named('b2=', 120)];
    await handler(kinesisEvent([kinesisRecord(first, 1), kinesisRecord(second, 2)]));
    // The producer's copies land later in the shard, with sequence numbers of their own.
    await handler(kinesisEvent([kinesisRecord(first, 3), kinesisRecord(second, 4)]));
    const [receipt] = await store.latest({ project: 'shop', env }, 'beta', 1_000, 5);
    expect(receipt).toMatchObject({ version: 7, acks: 2 });
  });

  it("sums the connection counts of a change's delivery parts, a part recorded again counting once", async () => {
    const env = `env-${++envCounter}`;
    const at = { project: 'shop', env };
    const change = { key: 'beta', version: 7, sampleRate: 0.5, committedAt: 1_000 };
    await store.recordConnected(at, '0', [{ change, connected: 40 }]);
    await store.recordConnected(at, '1', [{ change, connected: 60 }]);
    await store.recordConnected(at, '1', [{ change, connected: 60 }]);
    await store.recordConnected(at, '1>x=', [{ change: { ...change, version: 8 }, connected: 5 }]);
    const receipts = await store.latest(at, 'beta', 1_000, 5);
    expect(receipts).toEqual([
      expect.objectContaining({ version: 8, connected: 5 }),
      expect.objectContaining({ version: 7, connected: 100, sampleRate: 0.5, committedAt: 1_000 }),
    ]);
  });

  it("keeps the fast path's exact commit time over the one the stream's delivery recorded", async () => {
    const env = `env-${++envCounter}`;
    const at = { project: 'shop', env };
    const change = { key: 'beta', version: 7, sampleRate: 1 };
    await store.recordConnected(at, '0', [{ change: { ...change, committedAt: 60_000 }, connected: 1 }]);
    await store.recordCommitted(at, [{ ...change, committedAt: 60_123 }]);
    await store.recordConnected(at, '1', [{ change: { ...change, committedAt: 60_000 }, connected: 1 }]);
    expect(
      await store.committedTimes(at, [
        { key: 'beta', version: 7 },
        { key: 'beta', version: 8 },
      ]),
    ).toEqual(new Map([['beta#7', 60_123]]));
  });
});
