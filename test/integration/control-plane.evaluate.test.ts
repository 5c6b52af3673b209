import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { DynamoControlStore } from '../../lambdas/adapters/dynamodb/control-store.js';
import { MAX_CONTEXT_BYTES } from '../../lambdas/domain/context-limits.js';
import { adversarialInputs, catastrophicPatterns } from '../../packages/core/testing/redos-corpus.js';
import { type Call, controlPlane, ENV, FLAG, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;
let clientSideId: string;
const project = 'eval';
const params = { project, env: 'production' };

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ snapshotTtlMs: 0 }));
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Eval' } });
  const env = await call('POST', `${P}/environments`, {
    token: admin,
    params: { project },
    body: { key: 'production', name: 'Production' },
  });
  clientSideId = env.json.clientSideId;
  await call('POST', `${ENV}/segments`, {
    token: admin,
    params,
    body: { key: 'beta', name: 'Beta', included: ['beta-user'] },
  });
  await call('POST', `${P}/flags`, {
    token: admin,
    params: { project },
    body: {
      key: 'banner',
      name: 'Banner',
      clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
    },
  });
  await call('POST', `${P}/flags`, {
    token: admin,
    params: { project },
    body: { key: 'server-only', name: 'Server only' },
  });
  const patched = await call('PATCH', FLAG, {
    token: admin,
    params: { project, flag: 'banner' },
    query: { env: 'production' },
    body: {
      instructions: [
        { kind: 'turnFlagOn' },
        { kind: 'updateFallthrough', variation: 1 },
        {
          kind: 'addRule',
          rule: {
            id: 'beta',
            clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['beta'] }],
            variation: 0,
          },
        },
      ],
    },
  });
  if (patched.status !== 200) throw new Error(JSON.stringify(patched.json));
});

describe('evaluation', () => {
  it('evaluates every flag for a context, with reasons (dashboard)', async () => {
    const result = await call('POST', `${ENV}/evaluate`, {
      token: admin,
      params,
      body: { kind: 'user', key: 'beta-user' },
    });
    expect(result.status).toBe(200);
    expect(result.json.values.banner).toMatchObject({
      value: true,
      variationIndex: 0,
      reason: { kind: 'RULE_MATCH', ruleId: 'beta' },
    });
    expect(result.json.values['server-only']).toMatchObject({ value: false, reason: { kind: 'OFF' } });
  });

  // Found by exploratory testing: both answered 200 with no values.
  it.each([
    ['an environment', { project, env: 'nowhere' }, 'Environment "'],
    ['a project', { project: 'no-such-project', env: 'production' }, ''],
  ])('answers 404 for %s that does not exist', async (_, at, message) => {
    const result = await call('POST', `${ENV}/evaluate`, { token: admin, params: at, body: { key: 'ada' } });
    expect(result.status).toBe(404);
    expect(result.json.error.message).toContain(message);
  });

  it('evaluates only client-side flags for a client-side id', async () => {
    const result = await call('POST', '/sdk/v1/evaluate/{clientSideId}', {
      params: { clientSideId },
      body: { key: 'someone' },
    });
    expect(result.status).toBe(200);
    expect(Object.keys(result.json.values)).toEqual(['banner']);
    expect(result.json.values.banner).toMatchObject({ value: false, reason: { kind: 'FALLTHROUGH' } });
  });

  it('rejects an invalid context naming the field', async () => {
    const result = await call('POST', `${ENV}/evaluate`, {
      token: admin,
      params,
      body: { kind: 'user', key: '' },
    });
    expect(result.status).toBe(400);
    expect(result.json.error.field).toMatch(/^context/);
  });
});

describe('a flag stored with a context key in two variations, before the API refused it', () => {
  const flag = 'legacy-targets';
  const ref = { kind: 'flagConfig', ...params, flag } as const;

  beforeAll(async () => {
    await call('POST', `${P}/flags`, { token: admin, params: { project }, body: { key: flag, name: flag } });
    const store = new DynamoControlStore(sharedDocumentClient());
    const stored = await store.get(ref);
    if (!stored) throw new Error('no configuration');
    const targets = [
      { variation: 1, values: ['ada'] },
      { variation: 0, values: ['ada'] },
    ];
    const value = { ...stored, on: true, targets, version: stored.version + 1 };
    await store.transact([{ ref, value, expect: stored.version }], []);
  });

  it('is read as stored and evaluated by the first list holding the key', async () => {
    const read = await call('GET', FLAG, { token: admin, params: { project, flag } });
    expect(read.json.environments.production.targets).toHaveLength(2);
    const result = await call('POST', `${ENV}/evaluate`, { token: admin, params, body: { key: 'ada' } });
    expect(result.json.values[flag]).toMatchObject({ variationIndex: 1, reason: { kind: 'TARGET_MATCH' } });
  });

  it('still turns on and off; a change of its targeting must leave the key in one variation', async () => {
    const patch = (instructions: object[]) =>
      call('PATCH', FLAG, {
        token: admin,
        params: { project, flag },
        query: { env: 'production' },
        body: { instructions },
      });
    expect((await patch([{ kind: 'turnFlagOff' }])).status).toBe(200);
    const another = await patch([{ kind: 'addTargets', variation: 0, values: ['bob'] }]);
    expect(another.status).toBe(400);
    expect(another.json.error.field).toBe('environments.production.targets[1].values[0]');
    expect((await patch([{ kind: 'removeTargets', variation: 0, values: ['ada'] }])).status).toBe(200);
  });
});

describe('hostile contexts on the public evaluate route', () => {
  beforeAll(async () => {
    await call('POST', `${P}/flags`, {
      token: admin,
      params: { project },
      body: {
        key: 'guarded',
        name: 'Guarded',
        clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
      },
    });
    const patched = await call('PATCH', FLAG, {
      token: admin,
      params: { project, flag: 'guarded' },
      query: { env: 'production' },
      body: {
        instructions: [
          { kind: 'turnFlagOn' },
          ...catastrophicPatterns.map((pattern, i) => ({
            kind: 'addRule',
            rule: {
              id: `evil-${i}`,
              clauses: [{ attribute: 'name', op: 'matches', values: [pattern] }],
              variation: 0,
            },
          })),
        ],
      },
    });
    if (patched.status !== 200) throw new Error(JSON.stringify(patched.json));
  });

  it.each(adversarialInputs.map((input) => [input.length, input]))(
    'answers a %i-character adversarial attribute against catastrophic patterns at once',
    async (_length, name) => {
      const started = performance.now();
      const result = await call('POST', '/sdk/v1/evaluate/{clientSideId}', {
        params: { clientSideId },
        body: { kind: 'user', key: 'attacker', name },
      });
      // A backtracking engine needs minutes for the first pattern alone; this bounds "finishes".
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(result.status).toBe(200);
      expect(result.json.values.guarded.reason.kind).not.toBe('ERROR');
    },
  );

  // The SDK route reads its body without a schema library, the management route with its schema.
  it.each([
    ['an array', [{ kind: 'user', key: 'u' }]],
    // Strings are sent as they are: these are the JSON texts of a string and of null.
    ['a string', '"user"'],
    ['JSON null', 'null'],
    ['a number', '3'],
    ['no key', { kind: 'user' }],
    ['an empty key', { kind: 'user', key: '' }],
    ['a kind named kind', { kind: 'kind', key: 'u' }],
    ['a multi-kind context without kinds', { kind: 'multi' }],
    [
      'a private attribute that is not a string',
      { kind: 'user', key: 'u', _meta: { privateAttributes: [1] } },
    ],
    ['a legacy user whose custom is an array', { key: 'u', custom: [] }],
  ])('refuses %s the same way on the public and management routes', async (_name, body) => {
    const sdk = await call('POST', '/sdk/v1/evaluate/{clientSideId}', {
      params: { clientSideId },
      body,
    });
    const api = await call('POST', `${ENV}/evaluate`, {
      token: admin,
      params,
      body,
    });
    expect(sdk.status).toBe(400);
    expect(sdk.json.error).toEqual(api.json.error);
  });

  it('refuses a context over the size limit, naming the field, for the public and management routes', async () => {
    const huge = { kind: 'user', key: 'big', name: 'x'.repeat(MAX_CONTEXT_BYTES) };
    const sdk = await call('POST', '/sdk/v1/evaluate/{clientSideId}', {
      params: { clientSideId },
      body: huge,
    });
    const api = await call('POST', `${ENV}/evaluate`, { token: admin, params, body: huge });
    for (const result of [sdk, api]) {
      expect(result.status).toBe(400);
      expect(result.json.error.message).toContain(`${MAX_CONTEXT_BYTES} bytes`);
    }
  });
});
