import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENVIRONMENTS_PER_PROJECT } from '../../lambdas/services/environment-set.js';
import { type Call, controlPlane, FLAG, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;
const project = 'wide';
const createEnvironment = (key: string) =>
  call('POST', `${P}/environments`, { token: admin, params: { project }, body: { key, name: key } });

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Wide' } });
});

describe('environments per project', () => {
  it('fills up to the limit, and every flag write still spans all of them', async () => {
    for (let i = 1; i <= MAX_ENVIRONMENTS_PER_PROJECT; i++) {
      expect((await createEnvironment(`env-${i}`)).status).toBe(201);
    }
    const created = await call('POST', `${P}/flags`, {
      token: admin,
      params: { project },
      body: { key: 'everywhere', name: 'Everywhere' },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json.environments)).toHaveLength(MAX_ENVIRONMENTS_PER_PROJECT);
    const renamed = await call('PATCH', FLAG, {
      token: admin,
      params: { project, flag: 'everywhere' },
      body: [{ op: 'add', path: '/variations/0/name', value: 'Yes' }],
    });
    expect(renamed.status).toBe(200);
    const deleted = await call('DELETE', FLAG, { token: admin, params: { project, flag: 'everywhere' } });
    expect(deleted.status).toBe(204);
  }, 120_000);

  it('refuses one more with a 409 that says why, and creates nothing', async () => {
    const refused = await createEnvironment('one-too-many');
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain(`${MAX_ENVIRONMENTS_PER_PROJECT} environments`);
    const listed = await call('GET', `${P}/environments`, { token: admin, params: { project } });
    expect(listed.json.items.map((e: { key: string }) => e.key)).not.toContain('one-too-many');
  });

  it('makes room again when one is deleted', async () => {
    const removed = await call('DELETE', `${P}/environments/{env}`, {
      token: admin,
      params: { project, env: 'env-1' },
    });
    expect(removed.status).toBe(204);
    expect((await createEnvironment('replacement')).status).toBe(201);
  });
});
