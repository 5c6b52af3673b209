import type { EventEnvelope } from '@switchboard/core/events';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpHandler } from '../../lambdas/http/app.js';
import { createIngestHandler } from '../../lambdas/ingest.js';
import { controlPlane, P } from '../helpers/control-plane.js';
import { bodyText, httpEvent } from '../helpers/http-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

const NOW = Date.UTC(2026, 10, 26, 2, 0, 0);
const clock = { now: () => new Date(NOW) };

let sdkKey: string;
let clientSideId: string;
let stagingKey: string;
const published: string[][] = [];
let ingest: HttpHandler;

const summary = (counters: unknown[] = [{ variation: 0, version: 1, value: true, count: 3 }]) => ({
  kind: 'summary',
  startDate: NOW - 10_000,
  endDate: NOW - 1_000,
  features: { banner: { default: false, contextKinds: ['user'], counters } },
});
const custom = { kind: 'custom', key: 'checkout', contextKeys: { user: 'u1' }, creationDate: NOW - 500 };

async function post(
  body: unknown,
  options: { key?: string; clientSideId?: string; headers?: Record<string, string> } = {},
) {
  const route = options.clientSideId
    ? { method: 'POST' as const, path: '/sdk/v1/events/{clientSideId}' }
    : { method: 'POST' as const, path: '/sdk/v1/events' };
  const raw = await ingest(
    httpEvent({
      route,
      params: options.clientSideId ? { clientSideId: options.clientSideId } : {},
      headers: {
        ...(options.clientSideId ? {} : { authorization: options.key ?? sdkKey }),
        ...options.headers,
      },
      body,
    }),
  );
  const text = bodyText(raw);
  return { status: raw.statusCode ?? 0, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  await createIsolatedTables();
  const { call, adminToken } = await controlPlane();
  await call('POST', '/api/v1/projects', { token: adminToken, body: { key: 'shop', name: 'Shop' } });
  const production = await call('POST', `${P}/environments`, {
    token: adminToken,
    params: { project: 'shop' },
    body: { key: 'production', name: 'Production' },
  });
  const staging = await call('POST', `${P}/environments`, {
    token: adminToken,
    params: { project: 'shop' },
    body: { key: 'staging', name: 'Staging' },
  });
  sdkKey = production.json.sdkKey;
  clientSideId = production.json.clientSideId;
  stagingKey = staging.json.sdkKey;
  ingest = createIngestHandler({
    clock,
    sink: { publish: async (records) => void published.push([...records]) },
  });
});

const envelopes = (batch: string[]): EventEnvelope[] => batch.map((r) => JSON.parse(r) as EventEnvelope);

describe('POST /sdk/v1/events', () => {
  it('accepts a batch with 202 and puts it on the stream stamped with the key’s environment', async () => {
    published.length = 0;
    const result = await post([summary(), custom]);
    expect(result).toEqual({ status: 202, json: { accepted: 2, records: 1 } });
    expect(published).toHaveLength(1);
    const [envelope] = envelopes(published[0] as string[]);
    expect(envelope).toMatchObject({ v: 1, project: 'shop', env: 'production', receivedAt: NOW });
    expect(envelope?.events).toEqual([summary(), custom]);
  });

  it('stamps the environment from the key, whatever the body says', async () => {
    published.length = 0;
    await post([{ ...custom, project: 'other', env: 'production' }], { key: stagingKey });
    const [envelope] = envelopes(published[0] as string[]);
    expect(envelope).toMatchObject({ project: 'shop', env: 'staging' });
    expect(envelope?.events[0]).not.toHaveProperty('env');
  });

  it('accepts browsers by client-side id in the path', async () => {
    published.length = 0;
    const result = await post([custom], { clientSideId });
    expect(result.status).toBe(202);
    expect(envelopes(published[0] as string[])[0]).toMatchObject({ env: 'production' });
  });

  it('packs a large batch into several records, every event kept once', async () => {
    published.length = 0;
    const features = Object.fromEntries(
      Array.from({ length: 2_000 }, (_, i) => [
        `flag-${i}`,
        { counters: [{ variation: 0, version: 1, value: 'some-longer-string-value', count: i }] },
      ]),
    );
    const result = await post([{ ...summary(), features }]);
    expect(result.status).toBe(202);
    const records = published[0] as string[];
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) expect(Buffer.byteLength(record)).toBeLessThanOrEqual(64 * 1024);
    const seen = envelopes(records).flatMap((e) =>
      e.events.flatMap((ev) => (ev.kind === 'summary' ? Object.keys(ev.features) : [])),
    );
    expect(seen.sort()).toEqual(Object.keys(features).sort());
  });

  describe('refuses bad input with a 4xx naming the problem, writing nothing', () => {
    const tooOld = NOW - 25 * 3_600_000;
    it.each([
      ['not JSON', '{"kind":', 400, 'body'],
      ['an object instead of an array', { kind: 'summary' }, 400, undefined],
      ['an empty array', [], 400, undefined],
      ['an unsupported kind', [{ kind: 'identify', context: {} }], 400, '[0].kind'],
      [
        'a negative count',
        [summary([{ variation: 0, value: 1, count: -5 }])],
        400,
        '[0].features.banner.counters[0].count',
      ],
      [
        'a fractional count',
        [summary([{ variation: 0, value: 1, count: 0.5 }])],
        400,
        '[0].features.banner.counters[0].count',
      ],
      [
        'a missing count',
        [summary([{ variation: 0, value: 1 }])],
        400,
        '[0].features.banner.counters[0].count',
      ],
      [
        'seconds for milliseconds',
        [{ ...custom, creationDate: Math.floor(NOW / 1000) }],
        400,
        '[0].creationDate',
      ],
      ['a summary ending before it starts', [{ ...summary(), endDate: NOW - 20_000 }], 400, '[0].endDate'],
      [
        'an event from the far future',
        [{ ...custom, creationDate: NOW + 2 * 3_600_000 }],
        400,
        '[0].creationDate',
      ],
      ['an event older than a day', [{ ...custom, creationDate: tooOld }], 400, '[0].creationDate'],
      ['a custom event without contexts', [{ ...custom, contextKeys: {} }], 400, '[0].contextKeys'],
      [
        'a metric value DynamoDB cannot store',
        [custom, { ...custom, metricValue: 1e300 }],
        400,
        '[1].metricValue',
      ],
      ['a metric value too small to store', [{ ...custom, metricValue: 1e-200 }], 400, '[0].metricValue'],
      [
        'a count beyond any real summary',
        [summary([{ variation: 0, value: 1, count: 1e13 }])],
        400,
        '[0].features.banner.counters[0].count',
      ],

      [
        'a flag key with #',
        [{ ...summary(), features: { 'a#b': { counters: [] } } }],
        400,
        '[0].features.a#b',
      ],
      ['too many events', Array.from({ length: 1_001 }, () => custom), 400, undefined],
      ['a body over 256 KB', [{ ...custom, data: 'x'.repeat(300_000) }], 413, undefined],
    ])('%s → %i', async (_name, body, status, field) => {
      published.length = 0;
      const result = await post(body);
      expect(result.status).toBe(status);
      expect(result.json.error.message).toBeTruthy();
      if (field !== undefined) expect(result.json.error.field).toBe(field);
      expect(published).toEqual([]);
    });

    it.each([
      ['no key', ''],
      ['a malformed key', 'nope'],
      ['an unknown key', `sdk-${'0'.repeat(43)}`],
    ])('%s → 401', async (_name, key) => {
      published.length = 0;
      expect((await post([custom], { key })).status).toBe(401);
      expect(published).toEqual([]);
    });

    it('an unknown client-side id → 401', async () => {
      published.length = 0;
      expect((await post([custom], { clientSideId: '0'.repeat(24) })).status).toBe(401);
      expect(published).toEqual([]);
    });
  });

  it('stamps every record with the post’s payload id and its part, the same on a retry', async () => {
    published.length = 0;
    const headers = { 'x-switchboard-payload-id': 'a1b2-c3' };
    expect((await post([custom, custom], { headers })).status).toBe(202);
    expect((await post([custom, custom], { headers })).status).toBe(202);
    const [first, retry] = published.map((records) => envelopes(records));
    expect(first?.map((e) => [e.payloadId, e.part])).toEqual([['a1b2-c3', 0]]);
    expect(retry?.map((e) => [e.payloadId, e.part])).toEqual([['a1b2-c3', 0]]);
  });

  it.each([
    ['spaces', 'not an id'],
    ['too long', 'x'.repeat(65)],
  ])('refuses a payload id with %s, naming the header, writing nothing', async (_name, id) => {
    published.length = 0;
    const result = await post([custom], { headers: { 'x-switchboard-payload-id': id } });
    expect(result.status).toBe(400);
    expect(result.json.error.field).toBe('x-switchboard-payload-id');
    expect(published).toEqual([]);
  });

  it('answers 503 when the stream cannot take the records', async () => {
    const failing = createIngestHandler({
      clock,
      sink: {
        publish: async () => {
          const { ServiceUnavailableError } = await import('../../lambdas/errors.js');
          throw new ServiceUnavailableError('stream unavailable');
        },
      },
    });
    const raw = await failing(
      httpEvent({
        route: { method: 'POST', path: '/sdk/v1/events' },
        headers: { authorization: sdkKey },
        body: [custom],
      }),
    );
    expect(raw.statusCode).toBe(503);
    expect(JSON.parse(bodyText(raw)).error.code).toBe('unavailable');
  });
});
