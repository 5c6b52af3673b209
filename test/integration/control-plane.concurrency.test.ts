import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, controlPlane, FLAG, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;
const project = 'race';

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Race' } });
  await call('POST', `${P}/environments`, {
    token: admin,
    params: { project },
    body: { key: 'production', name: 'Production' },
  });
});

const createFlag = (key: string) =>
  call('POST', `${P}/flags`, { token: admin, params: { project }, body: { key, name: key } });
const auditOf = (flag: string) =>
  call('GET', `${P}/audit`, {
    token: admin,
    params: { project },
    query: { flag, env: 'production', limit: '200' },
  });

describe('optimistic concurrency', () => {
  it('lets exactly one of 20 concurrent PATCHes with the same If-Match win, with one audit entry', async () => {
    await createFlag('contended');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('PATCH', FLAG, {
          token: admin,
          params: { project, flag: 'contended' },
          query: { env: 'production' },
          headers: { 'if-match': '1' },
          body: {
            comment: `writer ${i}`,
            instructions: [{ kind: 'addTargets', variation: 0, values: [`user-${i}`] }],
          },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.find((r) => r.status === 409)?.json.error.code).toBe('conflict');
    const updates = (await auditOf('contended')).json.items.filter(
      (e: { action: string }) => e.action === 'update',
    );
    expect(updates).toHaveLength(1);
    const flag = await call('GET', FLAG, {
      token: admin,
      params: { project, flag: 'contended' },
      query: { env: 'production' },
    });
    expect(flag.json.environments.production.version).toBe(2);
    expect(flag.json.environments.production.targets[0].values).toHaveLength(1);
  });

  it('never loses an update without If-Match: every 200 is in the result, every other answer is 409', async () => {
    await createFlag('merged');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('PATCH', FLAG, {
          token: admin,
          params: { project, flag: 'merged' },
          query: { env: 'production' },
          body: { instructions: [{ kind: 'addTargets', variation: 0, values: [`user-${i}`] }] },
        }),
      ),
    );
    const won = results.flatMap((r, i) => (r.status === 200 ? [`user-${i}`] : []));
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const flag = await call('GET', FLAG, {
      token: admin,
      params: { project, flag: 'merged' },
      query: { env: 'production' },
    });
    const config = flag.json.environments.production;
    expect([...config.targets[0].values].sort()).toEqual(won.sort());
    expect(config.version).toBe(1 + won.length);
    const updates = (await auditOf('merged')).json.items.filter(
      (e: { action: string }) => e.action === 'update',
    );
    expect(updates).toHaveLength(won.length);
  });

  it('answers a stale If-Match with 409 and writes nothing', async () => {
    await createFlag('stale');
    const result = await call('PATCH', FLAG, {
      token: admin,
      params: { project, flag: 'stale' },
      query: { env: 'production' },
      headers: { 'if-match': '7' },
      body: { instructions: [{ kind: 'turnFlagOn' }] },
    });
    expect(result.status).toBe(409);
    const flag = await call('GET', FLAG, { token: admin, params: { project, flag: 'stale' } });
    expect(flag.json.environments.production).toMatchObject({ on: false, version: 1 });
  });
});
