import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, controlPlane, ENV, FLAG, P, SEGMENT } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;
let sdkKey: string;
let tables: Record<string, string>;
const params = { project: 'sdk', env: 'production' };

beforeAll(async () => {
  tables = await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ snapshotTtlMs: 0, credentialCacheTtlMs: 0 }));
  await call('POST', '/api/v1/projects', { token: admin, body: { key: 'sdk', name: 'SDK' } });
  const env = await call('POST', `${P}/environments`, {
    token: admin,
    params: { project: 'sdk' },
    body: { key: 'production', name: 'Production' },
  });
  sdkKey = env.json.sdkKey;
  await call('POST', `${P}/flags`, {
    token: admin,
    params: { project: 'sdk' },
    body: { key: 'banner', name: 'Banner' },
  });
  await call('POST', `${ENV}/segments`, {
    token: admin,
    params,
    body: { key: 'beta', name: 'Beta', included: ['u1'] },
  });
});

const snapshot = (headers: Record<string, string> = {}) =>
  call('GET', '/sdk/v1/flags', { headers: { authorization: sdkKey, ...headers } });

describe('GET /sdk/v1/flags', () => {
  it('returns the evaluation JSON of every flag and segment of the key’s environment', async () => {
    const result = await snapshot();
    expect(result.status).toBe(200);
    expect(result.json.flags.banner).toEqual(
      expect.objectContaining({
        key: 'banner',
        version: 1,
        on: false,
        variations: [true, false],
        deleted: false,
      }),
    );
    expect(result.json.segments.beta).toEqual(
      expect.objectContaining({ key: 'beta', included: ['u1'], deleted: false }),
    );
    expect(result.json.segments.beta.meta).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match and a new ETag after a change', async () => {
    const first = await snapshot();
    const etag = first.headers.etag as string;
    expect((await snapshot({ 'if-none-match': etag })).status).toBe(304);
    await call('PATCH', FLAG, {
      token: admin,
      params: { project: 'sdk', flag: 'banner' },
      query: { env: 'production' },
      body: { instructions: [{ kind: 'turnFlagOn' }] },
    });
    const changed = await snapshot({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json.flags.banner.on).toBe(true);
  });

  it.each([
    ['gzip', 'gzip'],
    ['br;q=1.0, gzip;q=0.5', 'br'],
    ['gzip;q=0, br;q=0', undefined],
  ])('compresses for Accept-Encoding %s as %s, base64 in the v2 result', async (accept, encoding) => {
    const result = await snapshot({ 'accept-encoding': accept });
    expect(result.headers['content-encoding']).toBe(encoding);
    expect(result.raw.isBase64Encoded).toBe(encoding !== undefined);
    expect(result.json.flags.banner.key).toBe('banner');
  });

  it('shows no trace of the time the store wrote on each item for the stream’s fan-out', async () => {
    const before = Date.now();
    const patched = await call('PATCH', FLAG, {
      token: admin,
      params: { project: 'sdk', flag: 'banner' },
      query: { env: 'production' },
      body: { instructions: [{ kind: 'turnFlagOff' }] },
    });
    expect(patched.status).toBe(200);
    const stored = await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
      new GetCommand({ TableName: tables.flags, Key: { pk: 'ENV#sdk#production', sk: 'FLAG#banner' } }),
    );
    expect(stored.Item?.writtenAt).toBeGreaterThanOrEqual(before);
    expect(stored.Item?.writtenAt).toBeLessThanOrEqual(Date.now());
    const result = await snapshot();
    expect(result.json.flags.banner).not.toHaveProperty('writtenAt');
    expect(result.json.segments.beta).not.toHaveProperty('writtenAt');
    const flag = await call('GET', FLAG, {
      token: admin,
      params: { project: 'sdk', flag: 'banner' },
      query: { env: 'production' },
    });
    expect(JSON.stringify(flag.json)).not.toContain('writtenAt');
    const segment = await call('GET', SEGMENT, { token: admin, params: { ...params, segment: 'beta' } });
    expect(segment.status).toBe(200);
    expect(JSON.stringify(segment.json)).not.toContain('writtenAt');
    const segments = await call('GET', `${ENV}/segments`, { token: admin, params });
    expect(segments.json.items).toHaveLength(1);
    expect(JSON.stringify(segments.json)).not.toContain('writtenAt');
  });

  it('drops a deleted flag from the snapshot', async () => {
    await call('POST', `${P}/flags`, {
      token: admin,
      params: { project: 'sdk' },
      body: { key: 'temp', name: 'Temp' },
    });
    expect((await snapshot()).json.flags.temp).toBeDefined();
    await call('DELETE', FLAG, { token: admin, params: { project: 'sdk', flag: 'temp' } });
    expect((await snapshot()).json.flags.temp).toBeUndefined();
  });
});

describe('SDK key rotation', () => {
  const rotate = (expiryHours?: number) =>
    call('POST', `${ENV}/keys/rotate`, {
      token: admin,
      params,
      body: expiryHours === undefined ? {} : { expiryHours },
    });

  it('keeps the previous key working during the overlap window', async () => {
    const old = sdkKey;
    const rotated = await rotate();
    expect(rotated.status).toBe(200);
    expect(rotated.json.sdkKey).not.toBe(old);
    const [previous, current] = rotated.json.sdkKeys;
    expect(previous.expiresAt).toBeDefined();
    expect(current.expiresAt).toBeUndefined();
    expect((await call('GET', '/sdk/v1/flags', { headers: { authorization: old } })).status).toBe(200);
    expect(
      (await call('GET', '/sdk/v1/flags', { headers: { authorization: rotated.json.sdkKey } })).status,
    ).toBe(200);
    sdkKey = rotated.json.sdkKey;
  });

  it('revokes every earlier key at once with expiryHours 0', async () => {
    const old = sdkKey;
    const rotated = await rotate(0);
    expect(rotated.json.sdkKeys).toHaveLength(1);
    expect((await call('GET', '/sdk/v1/flags', { headers: { authorization: old } })).status).toBe(401);
    expect(
      (await call('GET', '/sdk/v1/flags', { headers: { authorization: rotated.json.sdkKey } })).status,
    ).toBe(200);
    sdkKey = rotated.json.sdkKey;
  });

  it('never shows key hashes', async () => {
    const env = await call('GET', ENV, { token: admin, params });
    expect(JSON.stringify(env.json)).not.toMatch(/hash/);
  });
});
