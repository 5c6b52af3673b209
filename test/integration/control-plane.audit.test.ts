import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, type CallOptions, controlPlane, ENV, FLAG, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;
const project = 'log';

interface Entry {
  id: string;
  time: string;
  action: string;
  resource: string;
  key: string;
  env?: string;
  comment?: string;
  actor: { name: string };
  before?: { on?: boolean };
  after?: { on?: boolean };
}

async function allPages(query: Record<string, string>, limit: number): Promise<Entry[]> {
  const items: Entry[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `${P}/audit`, {
      token: admin,
      params: { project },
      query: { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) },
    });
    expect(page.status).toBe(200);
    items.push(...page.json.items);
    cursor = page.json.cursor;
  } while (cursor);
  return items;
}

const toggle = (flag: string, env: string, kind: string, options: CallOptions = {}) =>
  call('PATCH', FLAG, {
    token: admin,
    params: { project, flag },
    query: { env },
    body: { comment: `${kind} ${flag} in ${env}`, instructions: [{ kind }] },
    ...options,
  });

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Log' } });
  for (const env of ['production', 'staging']) {
    await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: env, name: env },
    });
  }
  for (const flag of ['x', 'y']) {
    await call('POST', `${P}/flags`, { token: admin, params: { project }, body: { key: flag, name: flag } });
    for (const env of ['production', 'staging']) {
      await toggle(flag, env, 'turnFlagOn');
      await toggle(flag, env, 'turnFlagOff');
    }
  }
});

describe('audit log', () => {
  it('records who changed what, with the comment and before/after', async () => {
    const [latest] = await allPages({ flag: 'y', env: 'staging' }, 1);
    expect(latest).toMatchObject({
      action: 'update',
      resource: 'flag',
      key: 'y',
      env: 'staging',
      comment: 'turnFlagOff y in staging',
      actor: { name: 'bootstrap-admin' },
      before: { on: true },
      after: { on: false },
    });
  });

  it.each([
    [{ flag: 'x' }, (e: Entry) => e.resource === 'flag' && e.key === 'x', 1 + 2 + 4],
    [{ env: 'production' }, (e: Entry) => e.env === 'production', 1 + 2 + 4],
    // A flag in one environment: its changes there and those to the whole flag (its creation here).
    [
      { flag: 'x', env: 'staging' },
      (e: Entry) => e.key === 'x' && [undefined, 'staging'].includes(e.env),
      1 + 3,
    ],
  ])('filters by %o, newest first, across pages', async (query, matches, count) => {
    const entries = await allPages(query as Record<string, string>, 2);
    expect(entries).toHaveLength(count);
    expect(entries.every(matches)).toBe(true);
    const times = entries.map((e) => `${e.time}`);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('pages through the whole project log in the same order as one big page', async () => {
    expect(await allPages({}, 3)).toEqual(await allPages({}, 200));
  });

  // Found by exploratory testing: a project created again under a deleted one's key showed its
  // whole history, the delete included, to the new project's tokens.
  it('starts a project created again under a deleted key with a history of its own', async () => {
    const again = 'log-again';
    const create = () =>
      call('POST', '/api/v1/projects', { token: admin, body: { key: again, name: 'Again' } });
    const history = async (query: Record<string, string> = {}) =>
      (await call('GET', `${P}/audit`, { token: admin, params: { project: again }, query })).json.items;
    await create();
    await call('POST', `${P}/environments`, {
      token: admin,
      params: { project: again },
      body: { key: 'production', name: 'Production' },
    });
    await call('POST', `${P}/flags`, {
      token: admin,
      params: { project: again },
      body: { key: 'old', name: 'Old' },
    });
    expect((await call('DELETE', P, { token: admin, params: { project: again } })).status).toBe(204);
    await create();
    expect((await history()).map((e: Entry) => [e.resource, e.action])).toEqual([['project', 'create']]);
    expect(await history({ flag: 'old' })).toEqual([]);
    expect(await history({ env: 'production' })).toEqual([]);
  });

  it('lists flags with filters and cursor pagination', async () => {
    for (const [key, kind, tags] of [
      ['ops-1', 'operational', ['infra']],
      ['ops-2', 'operational', ['infra', 'db']],
      ['exp-1', 'experiment', ['growth']],
    ] as const) {
      await call('POST', `${P}/flags`, {
        token: admin,
        params: { project },
        body: { key, name: `Name ${key}`, kind, tags },
      });
    }
    await call('PATCH', FLAG, {
      token: admin,
      params: { project, flag: 'ops-2' },
      body: { instructions: [{ kind: 'archiveFlag' }] },
    });
    const list = async (query: Record<string, string>) =>
      (await call('GET', `${P}/flags`, { token: admin, params: { project }, query })).json;
    const keys = async (query: Record<string, string>) =>
      (await list(query)).items.map((f: { key: string }) => f.key);
    expect(await keys({ kind: 'operational' })).toEqual(['ops-1', 'ops-2']);
    expect(await keys({ tag: 'infra', archived: 'false' })).toEqual(['ops-1']);
    expect(await keys({ q: 'NAME EXP' })).toEqual(['exp-1']);
    const first = await list({ limit: '2' });
    const second = await list({ limit: '2', cursor: first.cursor });
    const third = await list({ limit: '2', cursor: second.cursor });
    expect([...first.items, ...second.items, ...third.items].map((f: { key: string }) => f.key)).toEqual([
      'exp-1',
      'ops-1',
      'ops-2',
      'x',
      'y',
    ]);
  });

  it('deletes an environment with its flag configurations and credentials', async () => {
    const created = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'qa', name: 'QA' },
    });
    const flag = await call('GET', FLAG, { token: admin, params: { project, flag: 'x' } });
    expect(Object.keys(flag.json.environments)).toContain('qa');
    expect((await call('DELETE', ENV, { token: admin, params: { project, env: 'qa' } })).status).toBe(204);
    expect((await call('GET', ENV, { token: admin, params: { project, env: 'qa' } })).status).toBe(404);
    expect(
      (await call('GET', '/sdk/v1/flags', { headers: { authorization: created.json.sdkKey } })).status,
    ).toBe(401);
    const after = await call('GET', FLAG, { token: admin, params: { project, flag: 'x' } });
    expect(Object.keys(after.json.environments)).toEqual(['production', 'staging']);
  });
});
