import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, controlPlane, ENV, FLAG, P, SEGMENT } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
});

describe('projects, environments and flags', () => {
  it('creates a project, environments and a flag configured in each', async () => {
    const project = await call('POST', '/api/v1/projects', {
      token: admin,
      body: { key: 'shop', name: 'Shop' },
    });
    expect(project.status).toBe(201);
    const prod = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project: 'shop' },
      body: { key: 'production', name: 'Production' },
    });
    expect(prod.status).toBe(201);
    expect(prod.json.sdkKey).toMatch(/^sdk-/);
    const flag = await call('POST', `${P}/flags`, {
      token: admin,
      params: { project: 'shop' },
      body: { key: 'checkout', name: 'New checkout' },
    });
    expect(flag.status).toBe(201);
    expect(flag.json.environments.production).toMatchObject({
      on: false,
      offVariation: 1,
      fallthrough: { variation: 0 },
      version: 1,
    });
    const staging = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project: 'shop' },
      body: { key: 'staging', name: 'Staging' },
    });
    expect(staging.status).toBe(201);
    const got = await call('GET', FLAG, { token: admin, params: { project: 'shop', flag: 'checkout' } });
    expect(Object.keys(got.json.environments)).toEqual(['production', 'staging']);
    const patched = await call('PATCH', FLAG, {
      token: admin,
      params: { project: 'shop', flag: 'checkout' },
      query: { env: 'production' },
      headers: { 'if-match': '1' },
      body: { comment: 'launch', instructions: [{ kind: 'turnFlagOn' }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.environments.production).toMatchObject({ on: true, version: 2 });
    const snapshot = await call('GET', '/sdk/v1/flags', { headers: { authorization: prod.json.sdkKey } });
    expect(snapshot.status).toBe(200);
    expect(snapshot.json.flags.checkout).toMatchObject({
      key: 'checkout',
      on: true,
      version: 2,
      variations: [true, false],
    });
    const env = await call('GET', ENV, { token: admin, params: { project: 'shop', env: 'production' } });
    expect(env.json.sdkKeys).toHaveLength(1);
  });
});

describe('re-creating a deleted key', () => {
  const created = (result: { status: number }) => expect(result.status).toBe(201);

  it('starts a flag above the tombstone SDKs hold for the deleted one, in every environment', async () => {
    const project = { project: 'again' };
    created(await call('POST', '/api/v1/projects', { token: admin, body: { key: 'again', name: 'Again' } }));
    for (const key of ['production', 'staging'])
      created(
        await call('POST', `${P}/environments`, { token: admin, params: project, body: { key, name: key } }),
      );
    const flag = { ...project, flag: 'banner' };
    created(
      await call('POST', `${P}/flags`, { token: admin, params: project, body: { key: 'banner', name: 'B' } }),
    );
    for (const n of [1, 2]) {
      const patched = await call('PATCH', FLAG, {
        token: admin,
        params: flag,
        query: { env: 'production' },
        headers: { 'if-match': String(n) },
        body: { instructions: [{ kind: n === 1 ? 'turnFlagOn' : 'turnFlagOff' }] },
      });
      expect(patched.status).toBe(200);
    }
    expect((await call('DELETE', FLAG, { token: admin, params: flag })).status).toBe(204);
    const again = await call('POST', `${P}/flags`, {
      token: admin,
      params: project,
      body: { key: 'banner', name: 'B' },
    });
    created(again);
    // Deleted at 3 (production) and 1 (staging): SDKs hold tombstones at 4 and 2.
    expect(again.json.environments.production.version).toBe(5);
    expect(again.json.environments.staging.version).toBe(3);
  });

  it('gives a created segment’s rules without an id one, and keeps the ids given', async () => {
    const at = { project: 'again', env: 'staging' };
    const clause = { attribute: 'email', op: 'endsWith', values: ['@acme.com'] };
    const response = await call('POST', `${ENV}/segments`, {
      token: admin,
      params: at,
      body: { key: 'acme', name: 'Acme', rules: [{ clauses: [clause] }, { id: 'mine', clauses: [clause] }] },
    });
    created(response);
    const [first, second] = response.json.rules as { id: string }[];
    expect(first?.id).toMatch(/\S/);
    expect(second?.id).toBe('mine');
  });

  it('starts a segment above the tombstone of the deleted one', async () => {
    const at = { project: 'again', env: 'staging' };
    const segment = { ...at, segment: 'vips' };
    created(
      await call('POST', `${ENV}/segments`, { token: admin, params: at, body: { key: 'vips', name: 'V' } }),
    );
    expect((await call('DELETE', SEGMENT, { token: admin, params: segment })).status).toBe(204);
    const again = await call('POST', `${ENV}/segments`, {
      token: admin,
      params: at,
      body: { key: 'vips', name: 'V' },
    });
    created(again);
    expect(again.json.version).toBe(3);
  });
});
