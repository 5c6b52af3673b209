import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { DynamoControlStore } from '../../lambdas/adapters/dynamodb/control-store.js';
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

const createFlag = (key: string, variations?: readonly { value: unknown }[]) =>
  call('POST', `${P}/flags`, {
    token: admin,
    params: { project },
    body: { key, name: key, ...(variations ? { variations } : {}) },
  });
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

describe('If-Match on a version that does not cover the whole edit', () => {
  const rulesOf = async (flag: string) =>
    (await call('GET', FLAG, { token: admin, params: { project, flag } })).json.environments.production.rules;
  const addRule = (flag: string, id: string) =>
    call('PATCH', FLAG, {
      token: admin,
      params: { project, flag },
      query: { env: 'production' },
      body: { instructions: [{ kind: 'addRule', rule: { id, clauses: [], variation: 0 } }] },
    });
  const replaceRules = (flag: string, patch: object[]) =>
    call('PATCH', FLAG, {
      token: admin,
      params: { project, flag },
      // The project-level version, which B's environment edit did not change.
      headers: { 'if-match': '1' },
      body: [...patch, { op: 'replace', path: '/environments/production/rules', value: [] }],
    });

  // Found by exploratory testing: A read the flag, B added a rule, A's If-Match on the project
  // version let its JSON Patch replace the rules, and B's rule was gone without an error.
  it('refuses an environment edit If-Match does not guard, and writes nothing', async () => {
    await createFlag('scoped');
    expect((await addRule('scoped', 'b-rule')).status).toBe(200);
    const result = await replaceRules('scoped', []);
    expect(result.status).toBe(400);
    expect(result.json.error).toMatchObject({
      field: 'If-Match',
      message: expect.stringContaining('"value":2'),
    });
    expect(await rulesOf('scoped')).toMatchObject([{ id: 'b-rule' }]);
  });

  it('answers 409 to a stale test of the environment version, and applies a current one', async () => {
    await createFlag('tested');
    const test = (value: number) => [{ op: 'test', path: '/environments/production/version', value }];
    expect((await addRule('tested', 'b-rule')).status).toBe(200);
    expect((await replaceRules('tested', test(1))).status).toBe(409);
    expect(await rulesOf('tested')).toMatchObject([{ id: 'b-rule' }]);
    expect((await replaceRules('tested', test(2))).status).toBe(200);
    expect(await rulesOf('tested')).toEqual([]);
  });
});

describe('environments created while flags are created, changed and deleted', () => {
  const flagIn = (flag: string) => call('GET', FLAG, { token: admin, params: { project, flag } });
  const createEnvironment = (key: string) =>
    call('POST', `${P}/environments`, { token: admin, params: { project }, body: { key, name: key } });

  it('gives every environment every flag when both are created at once', async () => {
    for (let round = 0; round < 3; round++) {
      const envs = Array.from({ length: 3 }, (_, i) => `env-${round}-${i}`);
      const flags = Array.from({ length: 6 }, (_, i) => `flag-${round}-${i}`);
      const created = await Promise.all([
        ...flags.map((flag) => createFlag(flag)),
        ...envs.map(createEnvironment),
      ]);
      expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
      for (const flag of flags) {
        expect(Object.keys((await flagIn(flag)).json.environments)).toEqual(expect.arrayContaining(envs));
      }
    }
  });

  it('gives a new environment the variations of a flag changed while it was created', async () => {
    for (let round = 0; round < 3; round++) {
      const flag = `variations-${round}`;
      await createFlag(flag, [{ value: 'first' }, { value: 'second' }]);
      const env = `changed-${round}`;
      const value = `renamed-${round}`;
      const [changed, created] = await Promise.all([
        call('PATCH', FLAG, {
          token: admin,
          params: { project, flag },
          body: [{ op: 'replace', path: '/variations/0/value', value }],
        }),
        createEnvironment(env),
      ]);
      expect([changed.status, created.status]).toEqual([200, 201]);
      expect((await flagIn(flag)).json.variations[0].value).toBe(value);
      // What SDKs of the new environment evaluate: the flag's configuration there.
      const snapshot = await call('GET', '/sdk/v1/flags', {
        headers: { authorization: created.json.sdkKey },
      });
      expect(snapshot.json.flags[flag]?.variations[0]).toBe(value);
    }
  });

  it('leaves no configuration of a deleted flag in an environment created meanwhile', async () => {
    for (let round = 0; round < 3; round++) {
      const flag = `doomed-${round}`;
      await createFlag(flag);
      const env = `late-${round}`;
      const [deleted, created] = await Promise.all([
        call('DELETE', FLAG, { token: admin, params: { project, flag } }),
        createEnvironment(env),
      ]);
      expect([deleted.status, created.status]).toEqual([204, 201]);
      const snapshot = await call('GET', '/sdk/v1/flags', {
        headers: { authorization: created.json.sdkKey },
      });
      expect(snapshot.status).toBe(200);
      expect(Object.keys(snapshot.json.flags)).not.toContain(flag);
    }
  });

  it('leaves nothing behind in an environment deleted while flags and segments are created', async () => {
    const store = new DynamoControlStore(sharedDocumentClient());
    for (let round = 0; round < 3; round++) {
      const env = `short-lived-${round}`;
      await createEnvironment(env);
      const results = await Promise.all([
        call('DELETE', `${P}/environments/{env}`, { token: admin, params: { project, env } }),
        ...Array.from({ length: 4 }, (_, i) => createFlag(`orphan-${round}-${i}`)),
        ...Array.from({ length: 2 }, (_, i) =>
          call('POST', `${P}/environments/{env}/segments`, {
            token: admin,
            params: { project, env },
            body: { key: `orphan-${round}-${i}`, name: 'Orphan' },
          }),
        ),
      ]);
      expect(results[0]?.status).toBe(204);
      // Segments created before the deletion began are deleted with it; later ones find no environment.
      for (const segment of results.slice(5)) expect([201, 404]).toContain(segment.status);
      expect(await store.environmentContents({ project, env })).toEqual({ flags: [], segments: [] });
      expect((await store.listEnvironments(project)).map((e) => e.key)).not.toContain(env);
    }
  });
});
