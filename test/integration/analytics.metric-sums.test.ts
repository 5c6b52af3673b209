import { beforeAll, describe, expect, it } from 'vitest';
import { createAggregatorHandler } from '../../lambdas/aggregator.js';
import type { HttpHandler } from '../../lambdas/http/app.js';
import { createIngestHandler } from '../../lambdas/ingest.js';
import { type Call, controlPlane, ENV, seedProject } from '../helpers/control-plane.js';
import { bodyText, httpEvent } from '../helpers/http-events.js';
import { kinesisEvent, kinesisRecord } from '../helpers/kinesis-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Metric sums as DynamoDB adds them up: it keeps 38 significant digits and refuses an `ADD` whose
 * result needs more. Browsers post events by the public client-side id, so any metric value ingest
 * accepts must keep every later event of the same key and bucket countable.
 */
const NOW = Date.now();
const clock = { now: () => new Date(NOW) };
const environment = { project: 'metrics', env: 'production' };

let call: Call;
let admin: string;
let clientSideId: string;
let ingest: HttpHandler;
const published: string[] = [];
const aggregate = createAggregatorHandler({ log: () => {} });
let sequence = 0;

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ clock }));
  const { production } = await seedProject(call, admin, 'metrics', [{ key: 'production' }]);
  clientSideId = production.clientSideId;
  ingest = createIngestHandler({
    clock,
    sink: { publish: async (records) => void published.push(...records) },
  });
});

/**
 * Posts `revenue` events as a browser does, one per metric value (undefined: tracked without one),
 * then aggregates that post as a batch of its own.
 */
async function trackAndAggregate(...metricValues: (number | undefined)[]): Promise<void> {
  const before = published.length;
  const raw = await ingest(
    httpEvent({
      route: { method: 'POST', path: '/sdk/v1/events/{clientSideId}' },
      params: { clientSideId },
      body: metricValues.map((metricValue) => ({
        kind: 'custom',
        key: 'revenue',
        contextKeys: { user: 'u1' },
        creationDate: NOW - 1_000,
        ...(metricValue === undefined ? {} : { metricValue }),
      })),
    }),
  );
  if (raw.statusCode !== 202) throw new Error(`ingest answered ${raw.statusCode}: ${bodyText(raw)}`);
  const records = published.slice(before).map((record) => kinesisRecord(record, ++sequence));
  expect(await aggregate(kinesisEvent(records))).toEqual({ batchItemFailures: [] });
}

describe('custom events’ metric sums', () => {
  it('keep counting the events of a batch holding a value whose digits reach far below the sum', async () => {
    await trackAndAggregate(1e15);
    await trackAndAggregate(1.234567890123456e-15, undefined, undefined);
    await trackAndAggregate(25);
    const series = await call('GET', `${ENV}/events/{eventKey}`, {
      token: admin,
      params: { ...environment, eventKey: 'revenue' },
    });
    expect(series.json).toMatchObject({ count: 5, metricSum: 1e15 + 25 });
  });
});
