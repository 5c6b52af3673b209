import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemChange } from '../../lambdas/domain/delivery.js';
import { type Call, type CallOptions, controlPlane, ENV, FLAG, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** Copying a flag's configuration from one environment to another (promoting staging to production). */
let call: Call;
let admin: string;
const project = 'promote';
const handedOff: ItemChange[] = [];
const COPY = `${FLAG}/copy`;

const ok = async (method: 'POST' | 'PATCH', path: string, options: CallOptions) => {
  const result = await call(method, path, { token: admin, ...options });
  if (result.status >= 300) throw new Error(JSON.stringify(result.json));
  return result.json;
};

/** Gives `flag` in `env` the configuration `config` (a JSON Patch of the environment's fields). */
const configure = (flag: string, env: string, config: Record<string, unknown>) =>
  ok('PATCH', FLAG, {
    params: { project, flag },
    query: { env },
    body: Object.entries(config).map(([field, value]) => ({
      op: 'replace',
      path: `/environments/${env}/${field}`,
      value,
    })),
  });

const staged = {
  on: true,
  offVariation: 0,
  targets: [{ variation: 0, values: ['ada'] }],
  contextTargets: [{ contextKind: 'org', variation: 1, values: ['acme'] }],
  rules: [{ id: 'nl', clauses: [{ attribute: 'country', op: 'in', values: ['nl'] }], variation: 0 }],
  fallthrough: {
    rollout: {
      variations: [
        { variation: 0, weight: 25000 },
        { variation: 1, weight: 75000 },
      ],
    },
  },
  prerequisites: [{ key: 'gate', variation: 0 }],
};
const parts = Object.keys(staged) as (keyof typeof staged)[];

async function newFlag(key: string): Promise<void> {
  await ok('POST', `${P}/flags`, { params: { project }, body: { key, name: key } });
  await configure(key, 'staging', staged);
}

const getFlag = async (flag: string) =>
  (await call('GET', FLAG, { token: admin, params: { project, flag } })).json;

const copy = (flag: string, body: unknown) =>
  call('POST', COPY, { token: admin, params: { project, flag }, body });

const copyAudit = async (flag: string) =>
  (
    await call('GET', `${P}/audit`, {
      token: admin,
      params: { project },
      query: { flag, env: 'production', limit: '200' },
    })
  ).json.items.filter((e: { action: string }) => e.action === 'update');

const promote = { source: { key: 'staging' }, target: { key: 'production' } };

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({
    handoff: { handOff: async (changes) => void handedOff.push(...changes) },
  }));
  await ok('POST', '/api/v1/projects', { body: { key: project, name: 'Promote' } });
  for (const env of ['staging', 'production']) {
    await ok('POST', `${P}/environments`, { params: { project }, body: { key: env, name: env } });
  }
  await ok('POST', `${P}/flags`, { params: { project }, body: { key: 'gate', name: 'Gate' } });
  await ok('POST', `${ENV}/segments`, {
    params: { project, env: 'staging' },
    body: { key: 'beta', name: 'Beta' },
  });
});

describe('POST /flags/{flag}/copy', () => {
  it('copies every part of the source configuration by default, as one delivered, audited change', async () => {
    await newFlag('everything');
    const before = (await getFlag('everything')).environments;
    handedOff.length = 0;
    const result = await copy('everything', { ...promote, comment: 'tested in staging' });
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    const production = result.json.environments.production;
    for (const part of parts) expect(production[part], part).toEqual(staged[part]);
    expect(production.version).toBe(before.production.version + 1);
    expect(production.salt).toBe(before.production.salt);
    expect(result.json.environments.staging).toEqual(before.staging);
    expect((await getFlag('everything')).environments.production).toEqual(production);
    const audit = await copyAudit('everything');
    expect(audit).toHaveLength(1);
    expect(audit[0].comment).toBe('tested in staging');
    expect(handedOff.map((c) => [c.env, c.key, c.data?.version])).toEqual([
      ['production', 'everything', production.version],
    ]);
  });

  it('says in the audit log where the settings came from when no comment is given', async () => {
    await newFlag('uncommented');
    expect((await copy('uncommented', promote)).status).toBe(200);
    expect((await copyAudit('uncommented')).map((e: { comment?: string }) => e.comment)).toEqual([
      'Copied from staging',
    ]);
  });

  it.each([
    ['includedActions', ['updateRules', 'updateOn'], ['rules', 'on']],
    ['includedActions', ['updateTargets'], ['targets', 'contextTargets']],
    [
      'excludedActions',
      ['updateOn', 'updateFallthrough'],
      ['offVariation', 'targets', 'contextTargets', 'rules', 'prerequisites'],
    ],
  ] as const)('with %s %j copies only %j', async (list, actions, copied) => {
    const flag = `some-${list}-${actions.length}-${copied.length}`;
    await newFlag(flag);
    const before = (await getFlag(flag)).environments.production;
    const result = await copy(flag, { ...promote, [list]: actions });
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    const production = result.json.environments.production;
    for (const part of parts) {
      expect(production[part], part).toEqual(
        (copied as readonly string[]).includes(part) ? staged[part] : before[part],
      );
    }
  });

  describe('refuses, writing nothing,', () => {
    const refused = async (flag: string, body: unknown, status: number, field?: string) => {
      const before = await getFlag(flag);
      const auditBefore = (await copyAudit(flag)).length;
      const result = await copy(flag, body);
      expect(result.status, JSON.stringify(result.json)).toBe(status);
      if (field !== undefined) expect(result.json.error.field).toBe(field);
      expect(await getFlag(flag)).toEqual(before);
      expect(await copyAudit(flag)).toHaveLength(auditBefore);
      return result.json.error.message as string;
    };

    beforeAll(() => newFlag('refused'));

    it('both included and excluded actions', async () => {
      await refused(
        'refused',
        { ...promote, includedActions: ['updateOn'], excludedActions: ['updateRules'] },
        400,
        'excludedActions',
      );
    });

    it('an unknown action', async () => {
      await refused('refused', { ...promote, includedActions: ['updateSalt'] }, 400, 'includedActions[0]');
    });

    it('a target that is the source', async () => {
      await refused('refused', { source: { key: 'staging' }, target: { key: 'staging' } }, 400, 'target.key');
    });

    it('a rule using a segment the target environment lacks, naming the field and the segment', async () => {
      await newFlag('segmented');
      await configure('segmented', 'staging', {
        rules: [
          { id: 'b', clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['beta'] }], variation: 0 },
        ],
      });
      const message = await refused(
        'segmented',
        promote,
        400,
        'environments.production.rules[0].clauses[0].values[0]',
      );
      expect(message).toContain('"beta"');
    });

    it('a prerequisite that makes a cycle in the target environment', async () => {
      await newFlag('cyclic');
      await configure('gate', 'production', { prerequisites: [{ key: 'cyclic', variation: 0 }] });
      try {
        const message = await refused('cyclic', promote, 400, 'environments.production.prerequisites');
        expect(message).toContain('cycle');
      } finally {
        await configure('gate', 'production', { prerequisites: [] });
      }
    });

    it('an unknown environment, naming it', async () => {
      const message = await refused('refused', { ...promote, target: { key: 'nowhere' } }, 404);
      expect(message).toBe(`Environment "${project}/nowhere" not found`);
      const source = await refused('refused', { ...promote, source: { key: 'elsewhere' } }, 404);
      expect(source).toBe(`Environment "${project}/elsewhere" not found`);
    });

    it.each(['source', 'target'] as const)('a stale %s currentVersion with 409', async (end) => {
      const { environments } = await getFlag('refused');
      const current = environments[promote[end].key].version;
      const body = { ...promote, [end]: { ...promote[end], currentVersion: current + 1 } };
      const message = await refused('refused', body, 409);
      expect(message).toContain(`current version is ${current}`);
    });
  });

  it('copies with currentVersions that match', async () => {
    await newFlag('matched');
    const { environments } = await getFlag('matched');
    const result = await copy('matched', {
      source: { key: 'staging', currentVersion: environments.staging.version },
      target: { key: 'production', currentVersion: environments.production.version },
    });
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    expect(result.json.environments.production.rules).toEqual(staged.rules);
  });

  it('loses nothing to concurrent writers of the target: every 200 is in the result, every other answer 409', async () => {
    await newFlag('contended');
    const users = Array.from({ length: 4 }, (_, i) => `user-${i}`);
    const [copied, ...targeted] = await Promise.all([
      copy('contended', { ...promote, includedActions: ['updateRules'] }),
      ...users.map((user) =>
        call('PATCH', FLAG, {
          token: admin,
          params: { project, flag: 'contended' },
          query: { env: 'production' },
          body: { instructions: [{ kind: 'addTargets', variation: 1, values: [user] }] },
        }),
      ),
    ]);
    const results = [copied, ...targeted].map((r) => r?.status);
    expect(results.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    const production = (await getFlag('contended')).environments.production;
    expect(production.rules).toEqual(copied?.status === 200 ? staged.rules : []);
    const kept = users.filter((_, i) => targeted[i]?.status === 200);
    expect([...(production.targets[0]?.values ?? [])].sort()).toEqual(kept);
  });
});
