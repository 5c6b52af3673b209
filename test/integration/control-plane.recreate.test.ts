import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, controlPlane, ENV, FLAG, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;
const params = { project: 'again', env: 'production' };

beforeAll(async () => {
  await createIsolatedTables();
  // A warm SDK endpoint: snapshots are served from memory for a minute.
  ({ call, adminToken: admin } = await controlPlane({ snapshotTtlMs: 60_000, credentialCacheTtlMs: 0 }));
  await call('POST', '/api/v1/projects', { token: admin, body: { key: 'again', name: 'Again' } });
});

const createEnvironment = async (): Promise<string> =>
  (
    await call('POST', `${P}/environments`, {
      token: admin,
      params: { project: 'again' },
      body: { key: 'production', name: 'Production' },
    })
  ).json.sdkKey;

const toggle = (kind: 'turnFlagOn' | 'turnFlagOff') =>
  call('PATCH', FLAG, {
    token: admin,
    params: { project: 'again', flag: 'banner' },
    query: { env: 'production' },
    body: { instructions: [{ kind }] },
  });

const snapshot = (sdkKey: string) => call('GET', '/sdk/v1/flags', { headers: { authorization: sdkKey } });

describe('a deleted and re-created environment', () => {
  it('is served only its own configuration by a warm SDK endpoint', async () => {
    const firstKey = await createEnvironment();
    await call('POST', `${P}/flags`, {
      token: admin,
      params: { project: 'again' },
      body: { key: 'banner', name: 'Banner' },
    });
    await toggle('turnFlagOn');
    await toggle('turnFlagOff');
    await toggle('turnFlagOn');
    const served = await snapshot(firstKey);
    expect(served.json.flags.banner).toMatchObject({ on: true, version: 4 });

    expect((await call('DELETE', ENV, { token: admin, params })).status).toBe(204);
    const secondKey = await createEnvironment();
    const fresh = await snapshot(secondKey);
    expect(fresh.status).toBe(200);
    expect(fresh.json.flags.banner).toMatchObject({ on: false, version: 1 });
    expect(fresh.headers.etag).not.toBe(served.headers.etag);
    expect((await snapshot(firstKey)).status).toBe(401);
  });
});
