import { EVENT_LIMITS, type EventEnvelope, PAYLOAD_ID_HEADER } from '@switchboard/core/events';
import { eventBatchSchema } from '@switchboard/core/schema';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { createAggregatorHandler } from '../../lambdas/aggregator.js';
import type { HttpHandler } from '../../lambdas/http/app.js';
import { createIngestHandler } from '../../lambdas/ingest.js';
import { controlPlane, seedProject } from '../helpers/control-plane.js';
import {
  expectErrorShape,
  expectNoPollution,
  fuzzRuns,
  fuzzTimeout,
  hostileString,
  hostileValue,
  jsonSchemaOf,
  ownObject,
  schemaArbitrary,
  sometimes,
} from '../helpers/fuzz.js';
import { bodyText, httpEvent } from '../helpers/http-events.js';
import { kinesisEvent, kinesisRecord } from '../helpers/kinesis-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Hostile analytics input: posted batches from the event schema with sizes around `EVENT_LIMITS`
 * (202, or a 4xx in the error shape with nothing put on the stream), and Kinesis records of any
 * content fed to the aggregator (it never fails its batch: a record it cannot count is dropped).
 */

const RUNS = 40;
const NOW = Date.now();

const published: string[][] = [];
let ingest: HttpHandler;
let sdkKey: string;

const { schema: batchSchema, resolve } = jsonSchemaOf(eventBatchSchema);

const counter = (count: number) => ({ variation: 0, version: 1, value: true, count });
const summary = (features: Record<string, unknown>, end = NOW - 1_000) => ({
  kind: 'summary',
  startDate: end - 10_000,
  endDate: end,
  features,
});
const custom = (extra: Record<string, unknown> = {}) => ({
  kind: 'custom',
  key: 'checkout',
  contextKeys: { user: 'u1' },
  creationDate: NOW - 500,
  ...extra,
});
const around = (limit: number) => fc.constantFrom(limit - 1, limit, limit + 1);

/** Batches at the edges of each limit, one limit per batch. */
const atLimits: fc.Arbitrary<unknown> = fc.oneof(
  around(EVENT_LIMITS.eventsPerBatch).map((n) => Array.from({ length: n }, () => custom())),
  around(EVENT_LIMITS.featuresPerSummary).map((n) => [
    summary(Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { counters: [counter(1)] }]))),
  ]),
  around(EVENT_LIMITS.countersPerFeature).map((n) => [
    summary({ f: { counters: Array.from({ length: n }, () => counter(1)) } }),
  ]),
  around(EVENT_LIMITS.contextKindsPerEvent).map((n) => [
    summary({ f: { contextKinds: Array.from({ length: n }, (_, i) => `k${i}`), counters: [counter(1)] } }),
  ]),
  around(EVENT_LIMITS.variationBound).map((v) => [
    summary({ f: { counters: [{ ...counter(1), variation: v }] } }),
  ]),
  around(EVENT_LIMITS.maxCount).map((n) => [summary({ f: { counters: [counter(n)] } })]),
  fc
    .constantFrom(
      EVENT_LIMITS.metricMagnitude.min / 2,
      EVENT_LIMITS.metricMagnitude.min,
      EVENT_LIMITS.metricMagnitude.max,
      EVENT_LIMITS.metricMagnitude.max * 2,
      -EVENT_LIMITS.metricMagnitude.max,
    )
    .map((metricValue) => [custom({ metricValue })]),
  fc
    .constantFrom(
      -EVENT_LIMITS.maxAgeMs - 1,
      -EVENT_LIMITS.maxAgeMs + 60_000,
      EVENT_LIMITS.maxFutureMs - 60_000,
      EVENT_LIMITS.maxFutureMs + 1,
    )
    .map((offset) => [
      custom({ creationDate: NOW + offset }),
      summary({ f: { counters: [counter(1)] } }, NOW + offset),
    ]),
  // Bodies around 256 KB: one custom event whose data fills it.
  fc.constantFrom(-64, 0, 1, 64).map((delta) => {
    const skeleton = JSON.stringify([custom({ data: '' })]).length;
    return [custom({ data: 'x'.repeat(EVENT_LIMITS.bodyBytes - skeleton + delta) })];
  }),
);

const batch = fc.oneof(
  { arbitrary: schemaArbitrary(batchSchema, { resolve, hostility: 0 }), weight: 3 },
  { arbitrary: schemaArbitrary(batchSchema, { resolve, hostility: 1 }), weight: 3 },
  { arbitrary: atLimits, weight: 3 },
  { arbitrary: hostileValue, weight: 1 },
);

const payloadId = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), weight: 2 },
  { arbitrary: fc.oneof(fc.constant('a'.repeat(65)), fc.constant('a b'), hostileString), weight: 1 },
);

beforeAll(async () => {
  await createIsolatedTables();
  const { call, adminToken } = await controlPlane();
  const { production } = await seedProject(call, adminToken, 'shop', [{ key: 'production' }]);
  sdkKey = production.sdkKey;
  ingest = createIngestHandler({
    clock: { now: () => new Date(NOW) },
    sink: {
      publish: async (records) => {
        published.push([...records]);
      },
    },
  });
}, 60_000);

describe('hostile analytics input', () => {
  it(
    'POST /sdk/v1/events: 202 with every event on the stream, or a 4xx with nothing on it',
    async () => {
      await fc.assert(
        fc.asyncProperty(batch, payloadId, async (events, id) => {
          published.length = 0;
          const raw = await ingest(
            httpEvent({
              route: { method: 'POST', path: '/sdk/v1/events' },
              headers: { authorization: sdkKey, ...(id === undefined ? {} : { [PAYLOAD_ID_HEADER]: id }) },
              body: JSON.stringify(events) ?? 'null',
            }),
          );
          const status = raw.statusCode ?? 0;
          expect(status).toBeLessThan(500);
          const text = bodyText(raw);
          if (status >= 400) {
            expectErrorShape(text);
            expect(published, 'events put on the stream from a refused batch').toEqual([]);
          } else {
            expect(status).toBe(202);
            const records = published.flat();
            expect(JSON.parse(text)).toEqual({
              accepted: (events as unknown[]).length,
              records: records.length,
            });
            const envelopes = records.map((r) => JSON.parse(r) as EventEnvelope);
            // Summaries may be split across records by flag; custom events never are.
            const customs = (events as { kind: string }[]).filter((e) => e.kind === 'custom').length;
            expect(envelopes.flatMap((e) => e.events).filter((e) => e.kind === 'custom')).toHaveLength(
              customs,
            );
            for (const record of records) expect(Buffer.byteLength(record)).toBeLessThan(1024 * 1024);
          }
          expectNoPollution();
        }),
        fuzzRuns(RUNS),
      );
    },
    fuzzTimeout(RUNS, 1_000),
  );

  it(
    'aggregator: never fails a batch for what its records hold',
    async () => {
      const aggregate = createAggregatorHandler({ client: sharedDocumentClient(), log: () => {} });
      const envelope = fc
        .record(
          {
            v: sometimes(hostileValue, 1, 8),
            project: sometimes(hostileValue, 'shop', 6),
            env: sometimes(hostileValue, 'production', 6),
            receivedAt: sometimes(hostileValue, NOW, 6),
            payloadId: sometimes(hostileValue, 'post-1', 3),
            part: sometimes(hostileValue, 0, 3),
            events: fc.oneof(
              schemaArbitrary(batchSchema, { resolve, hostility: 0 }),
              schemaArbitrary(batchSchema, { resolve, hostility: 2 }),
              hostileValue,
            ),
          },
          { requiredKeys: ['v', 'project', 'env', 'receivedAt', 'events'] },
        )
        .map((fields) => JSON.stringify(ownObject(Object.entries(fields))));
      const data = fc.oneof(
        { arbitrary: envelope, weight: 8 },
        { arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? ''), weight: 1 },
        { arbitrary: fc.constantFrom('', '{', '\u0000\uFFFF', '{"v":1'), weight: 1 },
      );
      let sequence = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(data, { minLength: 1, maxLength: 5 }), async (records) => {
          const result = await aggregate(kinesisEvent(records.map((r) => kinesisRecord(r, ++sequence))));
          expect(result).toEqual({ batchItemFailures: [] });
        }),
        fuzzRuns(RUNS * 2),
      );
    },
    fuzzTimeout(RUNS * 2, 1_000),
  );

  // Found by the property above (the second by the soak run): DynamoDB refused what these records
  // hold, and the refusal failed the batch at every retry.
  it('sets aside a record whose part claim DynamoDB refuses (a 4,097-character payload id)', async () => {
    const aggregate = createAggregatorHandler({ client: sharedDocumentClient(), log: () => {} });
    const data = JSON.stringify({
      v: 1,
      project: 'shop',
      env: 'production',
      receivedAt: NOW,
      payloadId: 'x'.repeat(4_097),
      part: 0,
      events: [summary({ f: { counters: [counter(1)] } })],
    });
    expect(await aggregate(kinesisEvent([kinesisRecord(data, 1)]))).toEqual({ batchItemFailures: [] });
  });

  it('sets aside a last-evaluated time DynamoDB refuses, failing nothing', async () => {
    const aggregate = createAggregatorHandler({ client: sharedDocumentClient(), log: () => {} });
    const data = JSON.stringify({
      v: 1,
      project: 'shop',
      env: 'production',
      receivedAt: 1e-131,
      events: [summary({ f: { counters: [counter(1)] } })],
    });
    expect(await aggregate(kinesisEvent([kinesisRecord(data, 1)]))).toEqual({ batchItemFailures: [] });
  });
});
