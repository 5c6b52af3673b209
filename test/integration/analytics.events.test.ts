import { beforeAll, describe, expect, it } from 'vitest';
import { createAggregatorHandler } from '../../lambdas/aggregator.js';
import type { HttpHandler } from '../../lambdas/http/app.js';
import { createIngestHandler } from '../../lambdas/ingest.js';
import { type Call, controlPlane, ENV, seedProject } from '../helpers/control-plane.js';
import { bodyText, httpEvent } from '../helpers/http-events.js';
import { kinesisEvent, kinesisRecord } from '../helpers/kinesis-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** Today (UTC), so the minute counters (kept two days by TTL, which DynamoDB Local enforces) stay. */
const DAY = new Date().toISOString().slice(0, 10);
const TWO_DAYS_EARLIER = new Date(Date.parse(DAY) - 2 * 86_400_000).toISOString().slice(0, 10);
const NOW = Date.parse(`${DAY}T03:30:00Z`);
const clock = { now: () => new Date(NOW) };
const at = (hh: string) => Date.parse(`${DAY}T${hh}Z`);

const EVENTS = `${ENV}/events`;
const SERIES = `${ENV}/events/{eventKey}`;
const production = { project: 'shop', env: 'production' };
const hours = { from: `${DAY}T00:00:00Z`, to: `${DAY}T03:00:00Z` };
/** The range as both routes answer it for `hours`. */
const hoursRead = {
  environment: 'production',
  granularity: 'hour',
  from: `${DAY}T00:00:00.000Z`,
  to: `${DAY}T03:00:00.000Z`,
};

let call: Call;
let reader: string;
let adminToken: string;
let ingest: HttpHandler;
const published: string[][] = [];
const aggregate = createAggregatorHandler({ log: () => {} });

const track = (key: string, time: string, metricValue?: number, user = 'u1') => ({
  kind: 'custom',
  key,
  contextKeys: { user },
  creationDate: at(time),
  ...(metricValue === undefined ? {} : { metricValue }),
});

/** Posts events with an SDK key, as an SDK flushes them, and returns the records ingest wrote. */
async function ingested(ingest: HttpHandler, published: string[][], sdkKey: string, events: unknown[]) {
  const before = published.length;
  const raw = await ingest(
    httpEvent({
      route: { method: 'POST', path: '/sdk/v1/events' },
      headers: { authorization: sdkKey },
      body: events,
    }),
  );
  if (raw.statusCode !== 202) throw new Error(`ingest answered ${raw.statusCode}: ${bodyText(raw)}`);
  return published.slice(before).flat();
}

beforeAll(async () => {
  await createIsolatedTables();
  const plane = await controlPlane({ clock });
  call = plane.call;
  const envs = await seedProject(call, plane.adminToken, 'shop', [{ key: 'production' }, { key: 'staging' }]);
  reader = (
    await call('POST', '/api/v1/tokens', {
      token: plane.adminToken,
      body: { name: 'ro', role: 'reader' },
    })
  ).json.token;

  adminToken = plane.adminToken;
  ingest = createIngestHandler({
    clock,
    sink: { publish: async (records) => void published.push([...records]) },
  });
  const records = [
    ...(await ingested(ingest, published, envs.production.sdkKey, [
      track('checkout', '01:10:05', 20),
      track('checkout', '01:40:00', 5.5, 'u2'),
      track('signup', '01:10:30'),
      track('page view:home', '02:05:00', 1),
    ])),
    ...(await ingested(ingest, published, envs.production.sdkKey, [
      track('checkout', '02:20:00', 10),
      track('signup', '02:59:59'),
      track('signup', '03:00:00'),
    ])),
    ...(await ingested(ingest, published, envs.staging.sdkKey, [track('checkout', '01:15:00', 999)])),
  ];
  const event = kinesisEvent(records.map((record, i) => kinesisRecord(record, i + 1)));
  await aggregate(event);
  // A redelivered batch (Lambda retries) must not count twice.
  await aggregate(event);
});

describe('GET …/environments/{env}/events', () => {
  it('lists every event key’s counts and metric sums per hour bucket, oldest first', async () => {
    const result = await call('GET', EVENTS, { token: reader, params: production, query: hours });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      ...hoursRead,
      items: [
        { key: 'checkout', start: `${DAY}T01:00:00.000Z`, count: 2, metricSum: 25.5 },
        { key: 'signup', start: `${DAY}T01:00:00.000Z`, count: 1, metricSum: 0 },
        { key: 'checkout', start: `${DAY}T02:00:00.000Z`, count: 1, metricSum: 10 },
        { key: 'page view:home', start: `${DAY}T02:00:00.000Z`, count: 1, metricSum: 1 },
        { key: 'signup', start: `${DAY}T02:00:00.000Z`, count: 1, metricSum: 0 },
      ],
    });
  });

  it('pages with a cursor, one page after another adding up to the whole range', async () => {
    const whole = (await call('GET', EVENTS, { token: reader, params: production, query: hours })).json.items;
    const first = await call('GET', EVENTS, {
      token: reader,
      params: production,
      query: { ...hours, limit: '2' },
    });
    expect(first.json.items).toEqual(whole.slice(0, 2));
    expect(first.json.cursor).toEqual(expect.any(String));
    const rest = await call('GET', EVENTS, {
      token: reader,
      params: production,
      query: { ...hours, limit: '10', cursor: first.json.cursor },
    });
    expect(rest.json.items).toEqual(whole.slice(2));
    expect(rest.json.cursor).toBeUndefined();
  });

  it('gives no cursor with a page that ends at the last item, so no empty page is asked for', async () => {
    const whole = (await call('GET', EVENTS, { token: reader, params: production, query: hours })).json.items;
    const exact = await call('GET', EVENTS, {
      token: reader,
      params: production,
      query: { ...hours, limit: String(whole.length) },
    });
    expect(exact.json.items).toEqual(whole);
    expect(exact.json.cursor).toBeUndefined();
  });

  it('counts minute buckets, the range ending now and lasting an hour by default', async () => {
    const result = await call('GET', EVENTS, {
      token: reader,
      params: production,
      query: { granularity: 'minute' },
    });
    expect(result.json.from).toBe(`${DAY}T02:30:00.000Z`);
    expect(result.json.items).toEqual([
      { key: 'signup', start: `${DAY}T02:59:00.000Z`, count: 1, metricSum: 0 },
      { key: 'signup', start: `${DAY}T03:00:00.000Z`, count: 1, metricSum: 0 },
    ]);
  });

  it('keeps environments apart', async () => {
    const result = await call('GET', EVENTS, {
      token: reader,
      params: { project: 'shop', env: 'staging' },
      query: hours,
    });
    expect(result.json.items).toEqual([
      { key: 'checkout', start: `${DAY}T01:00:00.000Z`, count: 1, metricSum: 999 },
    ]);
  });

  it.each([
    ['an unknown granularity', { granularity: 'day' }, 'query.granularity'],
    ['a malformed from', { from: 'yesterday' }, 'query.from'],
    ['from after to', { from: `${DAY}T02:00:00Z`, to: `${DAY}T01:00:00Z` }, 'from'],
    ['more than a day of minutes', { granularity: 'minute', from: `${TWO_DAYS_EARLIER}T00:00:00Z` }, 'from'],
    ['a limit above 200', { limit: '201' }, 'query.limit'],
    ['a forged cursor', { cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    ['an unknown parameter', { key: 'checkout' }, 'query.key'],
  ])('refuses %s with 400 naming the field', async (_name, query, field) => {
    const result = await call('GET', EVENTS, { token: reader, params: production, query });
    expect(result.status).toBe(400);
    expect(result.json.error.field).toBe(field);
  });

  it('refuses another range’s cursor with 400', async () => {
    const first = await call('GET', EVENTS, {
      token: reader,
      params: production,
      query: { ...hours, limit: '1' },
    });
    const result = await call('GET', EVENTS, {
      token: reader,
      params: production,
      query: { from: `${DAY}T02:00:00Z`, to: `${DAY}T03:00:00Z`, cursor: first.json.cursor },
    });
    expect(result.status).toBe(400);
    expect(result.json.error.field).toBe('cursor');
  });

  it('answers 404 for an unknown environment and 401 without a token', async () => {
    const params = { project: 'shop', env: 'nope' };
    expect((await call('GET', EVENTS, { token: reader, params })).status).toBe(404);
    expect((await call('GET', EVENTS, { params: production })).status).toBe(401);
  });
});

describe('GET …/environments/{env}/events/{eventKey}', () => {
  it('returns one key’s buckets with the range’s totals', async () => {
    const result = await call('GET', SERIES, {
      token: reader,
      params: { ...production, eventKey: 'checkout' },
      query: hours,
    });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      ...hoursRead,
      key: 'checkout',
      buckets: [
        { start: `${DAY}T01:00:00.000Z`, count: 2, metricSum: 25.5 },
        { start: `${DAY}T02:00:00.000Z`, count: 1, metricSum: 10 },
      ],
      count: 3,
      metricSum: 35.5,
    });
  });

  it('reads a metric sum DynamoDB holds beyond a double’s precision as the nearest double', async () => {
    const { production: ledger } = await seedProject(call, adminToken, 'ledger', [{ key: 'production' }]);
    // Ten of the largest metric values an SDK may send, then a half in a batch of its own, so that
    // DynamoDB (38 digits), not the aggregator (a double), adds it: 10000000000000000.5 is stored.
    const batches = [Array.from({ length: 10 }, () => 1e15), [0.5]];
    for (const [n, values] of batches.entries()) {
      const events = values.map((value) => track('revenue', '01:05:00', value));
      const records = await ingested(ingest, published, ledger.sdkKey, events);
      await aggregate(kinesisEvent(records.map((record, i) => kinesisRecord(record, 1000 + 100 * n + i))));
    }
    const result = await call('GET', SERIES, {
      token: reader,
      params: { project: 'ledger', env: 'production', eventKey: 'revenue' },
      query: hours,
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ count: 11, metricSum: 1e16 });
  });

  it('reads keys that are not resource keys, percent-encoded in the path', async () => {
    const result = await call('GET', SERIES, {
      token: reader,
      params: { ...production, eventKey: 'page view:home' },
      query: { granularity: 'minute', from: `${DAY}T02:00:00Z`, to: `${DAY}T02:10:00Z` },
    });
    expect(result.json.buckets).toEqual([{ start: `${DAY}T02:05:00.000Z`, count: 1, metricSum: 1 }]);
  });

  it('excludes the bucket starting at `to`', async () => {
    const result = await call('GET', SERIES, {
      token: reader,
      params: { ...production, eventKey: 'signup' },
      query: { granularity: 'minute', from: `${DAY}T02:59:00Z`, to: `${DAY}T03:00:00Z` },
    });
    expect(result.json.buckets.map((b: { start: string }) => b.start)).toEqual([`${DAY}T02:59:00.000Z`]);
    expect(result.json.count).toBe(1);
  });

  it('answers an empty series for a key never tracked', async () => {
    const result = await call('GET', SERIES, {
      token: reader,
      params: { ...production, eventKey: 'never' },
      query: hours,
    });
    expect(result.json).toMatchObject({ buckets: [], count: 0, metricSum: 0 });
  });

  it('refuses a key holding "#" with 400 naming path.eventKey', async () => {
    const result = await call('GET', SERIES, {
      token: reader,
      params: { ...production, eventKey: 'a#b' },
    });
    expect(result.status).toBe(400);
    expect(result.json.error.field).toBe('path.eventKey');
  });
});
