import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, controlPlane, FLAG, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** What the dashboard needs of the API beyond the resources themselves. */
let call: Call;
let admin: string;
const project = { project: 'dash' };

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  await call('POST', '/api/v1/projects', { token: admin, body: { key: 'dash', name: 'Dash' } });
  for (const env of ['production', 'staging']) {
    await call('POST', `${P}/environments`, { token: admin, params: project, body: { key: env, name: env } });
  }
  for (let i = 0; i < 130; i++) {
    const key = `flag-${String(i).padStart(3, '0')}`;
    await call('POST', `${P}/flags`, { token: admin, params: project, body: { key, name: key } });
  }
});

describe('GET /api/v1/me', () => {
  it('names the calling token and its role', async () => {
    const reader = await call('POST', '/api/v1/tokens', {
      token: admin,
      body: { name: 'support', role: 'reader' },
    });
    const me = await call('GET', '/api/v1/me', { token: reader.json.token });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ id: reader.json.id, name: 'support', role: 'reader' });
  });
});

describe('GET …/flags per-environment state', () => {
  it('gives each listed flag its on/off state and version in every environment', async () => {
    const turnedOn = await call('PATCH', FLAG, {
      token: admin,
      params: { ...project, flag: 'flag-002' },
      query: { env: 'staging' },
      headers: { 'if-match': '1' },
      body: { instructions: [{ kind: 'turnFlagOn' }] },
    });
    expect(turnedOn.status).toBe(200);
    const list = await call('GET', `${P}/flags`, { token: admin, params: project, query: { limit: '3' } });
    expect(list.status).toBe(200);
    expect(list.json.items.map((f: { key: string }) => f.key)).toEqual(['flag-000', 'flag-001', 'flag-002']);
    expect(list.json.items[2].environments).toEqual({
      production: { on: false, version: 1 },
      staging: { on: true, version: 2 },
    });
    expect(list.json.items[0].environments.staging).toEqual({ on: false, version: 1 });
  });

  it('reads the states of a page larger than one batch read (100 keys)', async () => {
    const list = await call('GET', `${P}/flags`, { token: admin, params: project, query: { limit: '120' } });
    expect(list.json.items).toHaveLength(120);
    for (const item of list.json.items) {
      expect(Object.keys(item.environments).sort()).toEqual(['production', 'staging']);
    }
  });
});
