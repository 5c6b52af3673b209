import type { EventEnvelope } from '@switchboard/core/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAggregatorHandler } from '../../lambdas/aggregator.js';
import { type Call, controlPlane, ENV, FLAG, P } from '../helpers/control-plane.js';
import { kinesisEvent, kinesisRecord } from '../helpers/kinesis-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Today (UTC): minute counters expire (DynamoDB TTL, which DynamoDB Local enforces) two days after
 * their bucket, so the test's times must follow the calendar.
 */
const DAY = new Date().toISOString().slice(0, 10);
const TWO_DAYS_EARLIER = new Date(Date.parse(DAY) - 2 * 86_400_000).toISOString().slice(0, 10);
const NOW = Date.parse(`${DAY}T02:30:00Z`);
const clock = { now: () => new Date(NOW) };
const INSIGHTS = `${ENV}/flags/{flag}/insights`;
const params = { project: 'shop', env: 'production', flag: 'checkout' };

let call: Call;
let admin: string;
let reader: string;

const envelope = (
  endDate: number,
  counters: [number | undefined, number][],
  env = 'production',
): EventEnvelope => ({
  v: 1,
  project: 'shop',
  env,
  receivedAt: NOW,
  events: [
    {
      kind: 'summary',
      startDate: endDate - 10_000,
      endDate,
      features: {
        checkout: {
          counters: counters.map(([variation, count]) => ({
            ...(variation === undefined ? {} : { variation }),
            version: 1,
            value: variation ?? null,
            count,
          })),
        },
      },
    },
  ],
});

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ clock }));
  await call('POST', '/api/v1/projects', { token: admin, body: { key: 'shop', name: 'Shop' } });
  for (const key of ['production', 'staging']) {
    await call('POST', `${P}/environments`, {
      token: admin,
      params: { project: 'shop' },
      body: { key, name: key },
    });
  }
  await call('POST', `${P}/flags`, {
    token: admin,
    params: { project: 'shop' },
    body: { key: 'checkout', name: 'Checkout' },
  });
  await call('POST', `${P}/flags`, {
    token: admin,
    params: { project: 'shop' },
    body: { key: 'idle', name: 'Idle' },
  });
  reader = (await call('POST', '/api/v1/tokens', { token: admin, body: { name: 'ro', role: 'reader' } })).json
    .token;
  const at = (h: number, m: number) => Date.parse(`${DAY}T00:00:30Z`) + h * 3_600_000 + m * 60_000;
  await createAggregatorHandler({ log: () => {} })(
    kinesisEvent([
      kinesisRecord(
        envelope(at(1, 10), [
          [0, 5],
          [1, 2],
        ]),
        1,
      ),
      kinesisRecord(
        envelope(at(1, 10), [
          [0, 1],
          [undefined, 4],
        ]),
        2,
      ),
      kinesisRecord(envelope(at(2, 20), [[1, 7]]), 3),
      kinesisRecord(envelope(at(2, 25), [[0, 100]], 'staging'), 4),
    ]),
  );
});

describe('GET …/flags/{flag}/insights', () => {
  it('returns counts per variation per hour bucket, with totals and the last evaluation', async () => {
    const result = await call('GET', INSIGHTS, {
      token: reader,
      params,
      query: { from: `${DAY}T00:00:00Z`, to: `${DAY}T03:00:00Z` },
    });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      flag: 'checkout',
      environment: 'production',
      granularity: 'hour',
      from: `${DAY}T00:00:00.000Z`,
      to: `${DAY}T03:00:00.000Z`,
      buckets: [
        { start: `${DAY}T01:00:00.000Z`, counts: { '0': 6, '1': 2, default: 4 }, total: 12 },
        { start: `${DAY}T02:00:00.000Z`, counts: { '1': 7 }, total: 7 },
      ],
      totals: { '0': 6, '1': 9, default: 4 },
      total: 19,
      lastEvaluated: `${DAY}T02:20:30.000Z`,
    });
  });

  it('returns minute buckets, the range ending at now by default', async () => {
    const result = await call('GET', INSIGHTS, { token: reader, params, query: { granularity: 'minute' } });
    expect(result.status).toBe(200);
    expect(result.json.from).toBe(`${DAY}T01:30:00.000Z`);
    expect(result.json.buckets).toEqual([{ start: `${DAY}T02:20:00.000Z`, counts: { '1': 7 }, total: 7 }]);
  });

  it('excludes the bucket starting at `to` and rounds `from` down to a bucket', async () => {
    const result = await call('GET', INSIGHTS, {
      token: reader,
      params,
      query: { granularity: 'minute', from: `${DAY}T01:10:59Z`, to: `${DAY}T02:20:00Z` },
    });
    expect(result.json.buckets.map((b: { start: string }) => b.start)).toEqual([`${DAY}T01:10:00.000Z`]);
  });

  it.each([
    ['an unknown granularity', { granularity: 'day' }, 'query.granularity'],
    ['a malformed from', { from: 'yesterday' }, 'query.from'],
    ['from after to', { from: `${DAY}T02:00:00Z`, to: `${DAY}T01:00:00Z` }, 'from'],
    ['more than a day of minutes', { granularity: 'minute', from: `${TWO_DAYS_EARLIER}T00:00:00Z` }, 'from'],
    ['an unknown parameter', { env: 'staging' }, 'query.env'],
  ])('refuses %s with 400', async (_name, query, field) => {
    const result = await call('GET', INSIGHTS, { token: reader, params, query });
    expect(result.status).toBe(400);
    expect(result.json.error.field).toBe(field);
  });

  it.each([
    ['flag', { ...params, flag: 'nope' }],
    ['environment', { ...params, env: 'nope' }],
  ])('answers 404 for an unknown %s', async (_name, p) => {
    expect((await call('GET', INSIGHTS, { token: reader, params: p })).status).toBe(404);
  });

  it('needs an API token', async () => {
    expect((await call('GET', INSIGHTS, { params })).status).toBe(401);
  });
});

describe('lastEvaluated on flag reads', () => {
  it('lists each flag’s last evaluation per environment', async () => {
    const result = await call('GET', `${P}/flags`, { token: reader, params: { project: 'shop' } });
    const byKey = Object.fromEntries(
      result.json.items.map((f: { key: string; lastEvaluated: unknown }) => [f.key, f.lastEvaluated]),
    );
    expect(byKey).toEqual({
      checkout: { production: `${DAY}T02:20:30.000Z`, staging: `${DAY}T02:25:30.000Z` },
      idle: {},
    });
  });

  it('carries it on a flag read, narrowed by ?env=', async () => {
    const all = await call('GET', FLAG, { token: reader, params: { project: 'shop', flag: 'checkout' } });
    expect(all.json.lastEvaluated).toEqual({
      production: `${DAY}T02:20:30.000Z`,
      staging: `${DAY}T02:25:30.000Z`,
    });
    const one = await call('GET', FLAG, {
      token: reader,
      params: { project: 'shop', flag: 'checkout' },
      query: { env: 'staging' },
    });
    expect(one.json.lastEvaluated).toEqual({ staging: `${DAY}T02:25:30.000Z` });
  });
});
