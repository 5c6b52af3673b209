import { describe, expect, it } from 'vitest';
import type { AggregatedCount } from '../domain/aggregate.js';
import { UnwritableError } from '../errors.js';
import { AggregatorService, type StreamRecord } from './aggregator-service.js';
import type { AnalyticsWriter } from './analytics-ports.js';

const T = Date.UTC(2026, 10, 26, 1, 30, 15);

/** Keeps what it is asked to add. */
class MemoryWriter implements AnalyticsWriter {
  readonly counts: AggregatedCount[] = [];
  async claimPart(): Promise<boolean> {
    return true;
  }
  async addCount(count: AggregatedCount): Promise<boolean> {
    this.counts.push(count);
    return true;
  }
  async touchLastEvaluated(): Promise<void> {}
}

const record = (events: unknown, n: number): StreamRecord => ({
  shard: 'shardId-000000000000',
  sequenceNumber: String(n).padStart(3, '0'),
  data: JSON.stringify({ v: 1, project: 'shop', env: 'production', receivedAt: T, events }),
});

const summary = (features: unknown) => ({ kind: 'summary', startDate: T - 10_000, endDate: T, features });
const valid = summary({ banner: { counters: [{ variation: 0, version: 1, value: true, count: 3 }] } });

describe('AggregatorService', () => {
  // Found by test/integration/fuzz.ingest.test.ts: each threw out of `process`, so Lambda would
  // retry the batch, and hold back its shard, forever.
  it.each([
    ['a null feature', [summary({ '': null })]],
    ['a null event', [null]],
    ['counters that are no array', [summary({ f: { counters: 5 } })]],
    ['features that are no object', [summary('all')]],
    ['a null counter', [summary({ f: { counters: [null] } })]],
    ['a count that is a string', [summary({ f: { counters: [{ variation: 0, value: true, count: '3' }] } })]],
    [
      'a variation that is a string',
      [summary({ f: { counters: [{ variation: '1', value: true, count: 3 }] } })],
    ],
    ['an end date that is a string', [{ ...valid, endDate: String(T) }]],
    ['a custom event without a key', [{ kind: 'custom', contextKeys: { user: 'u' }, creationDate: T }]],
    [
      'a metric value that is an object',
      [{ kind: 'custom', key: 'k', contextKeys: {}, creationDate: T, metricValue: {} }],
    ],
  ])('drops a record with %s and counts the rest of the batch', async (_name, events) => {
    const writer = new MemoryWriter();
    const service = new AggregatorService(writer, { log: () => {} });
    const result = await service.process([record(events, 1), record([valid], 2)]);
    expect(result).toMatchObject({ malformed: 1, events: 1 });
    expect(result.failedFrom).toBeUndefined();
    expect(writer.counts.map((c) => c.count)).toEqual([3, 3]);
  });

  // Found by test/integration/fuzz.ingest.test.ts: the store's claim key could not be made from
  // these, and the failed claim failed the batch at every retry.
  it.each([
    ['a payload id that is a number', { payloadId: -1, part: 0 }],
    ['a part that is an object', { payloadId: 'p', part: { toString: {} } }],
    ['a negative part', { payloadId: 'p', part: -1 }],
  ])('drops a record with %s', async (_name, fields) => {
    const writer = new MemoryWriter();
    const service = new AggregatorService(writer, { log: () => {} });
    const named = {
      ...record([valid], 1),
      data: JSON.stringify({ ...JSON.parse(record([valid], 1).data), ...fields }),
    };
    const result = await service.process([named, record([valid], 2)]);
    expect(result).toMatchObject({ malformed: 1, events: 1 });
    expect(result.failedFrom).toBeUndefined();
  });

  // Found by the soak run of test/integration/fuzz.ingest.test.ts: DynamoDB refuses the claim key
  // of a 4,097-character payload id, and the failed claim failed the batch at every retry.
  it('sets aside a record whose part claim the store refuses, counting the rest', async () => {
    const writer = new MemoryWriter();
    writer.claimPart = async () => {
      throw new UnwritableError('DynamoDB refused the claim key');
    };
    const service = new AggregatorService(writer, { log: () => {} });
    const named = {
      ...record([valid], 1),
      data: JSON.stringify({ ...JSON.parse(record([valid], 1).data), payloadId: 'p', part: 0 }),
    };
    const result = await service.process([named, record([valid], 2)]);
    expect(result).toMatchObject({ setAside: 1, events: 1 });
    expect(result.failedFrom).toBeUndefined();
    expect(writer.counts.map((c) => c.count)).toEqual([3, 3]);
  });

  it('ignores events of a kind it does not count, keeping the record', async () => {
    const writer = new MemoryWriter();
    const service = new AggregatorService(writer, { log: () => {} });
    const result = await service.process([record([{ kind: 'identify', key: 'u' }, valid], 1)]);
    expect(result).toMatchObject({ malformed: 0, events: 1 });
  });
});
