import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '@switchboard/local/engines/dynamodb';
import { type HttpMethod, httpRoutes } from '@switchboard/topology';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Call,
  type CallOptions,
  controlPlane,
  ENV,
  FLAG,
  P,
  SEGMENT,
} from '../helpers/control-plane.js';
import { httpEvent } from '../helpers/http-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;
let tables: Record<string, string>;
const client = localDynamoClient(inject('dynamoEndpoint'));
const project = 'bad';
const env = { project, env: 'production' };

async function scanAll(): Promise<string> {
  const items = await Promise.all(
    ['flags', 'audit'].map(
      async (t) => (await client.send(new ScanCommand({ TableName: tables[t], ConsistentRead: true }))).Items,
    ),
  );
  return JSON.stringify(items.map((list) => [...(list ?? [])].map((i) => JSON.stringify(i)).sort()));
}

beforeAll(async () => {
  tables = await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  const ok = async (method: HttpMethod, path: string, options: CallOptions) => {
    const result = await call(method, path, { token: admin, ...options });
    if (result.status >= 300) throw new Error(JSON.stringify(result.json));
  };
  await ok('POST', '/api/v1/projects', { body: { key: project, name: 'Bad' } });
  await ok('POST', `${P}/environments`, {
    params: { project },
    body: { key: 'production', name: 'Production' },
  });
  await ok('POST', `${P}/flags`, { params: { project }, body: { key: 'a', name: 'A' } });
  await ok('POST', `${P}/flags`, { params: { project }, body: { key: 'b', name: 'B' } });
  await ok('POST', `${P}/flags`, {
    params: { project },
    body: {
      key: 'theme',
      name: 'Theme',
      variations: [{ value: { mode: 'dark', contrast: 'high' } }, { value: { mode: 'light' } }],
    },
  });
  await ok('PATCH', FLAG, {
    params: { project, flag: 'a' },
    query: { env: 'production' },
    body: { instructions: [{ kind: 'addPrerequisite', key: 'b', variation: 0 }] },
  });
  await ok('POST', `${ENV}/segments`, { params: env, body: { key: 'beta', name: 'Beta' } });
});

afterAll(() => client.destroy());

const flagA = { params: { project, flag: 'a' }, query: { env: 'production' } };
const rule = (extra: object) => ({ id: 'r1', clauses: [], variation: 0, ...extra });
const addRule = (r: object) => ({ instructions: [{ kind: 'addRule', rule: r }] });
const rollout = (weights: number[]) => ({
  variations: weights.map((weight, variation) => ({ variation, weight })),
});

/** A cursor as the API writes them (base64url JSON of a key): one another list could have returned. */
const cursorOf = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');

interface BadCase {
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly request: CallOptions;
  readonly status: number;
  readonly field?: string;
}

const cases: BadCase[] = [
  ...[
    { what: 'a project', path: '/api/v1/projects', request: { body: { key: project, name: 'Again' } } },
    {
      what: 'an environment',
      path: `${P}/environments`,
      request: { params: { project }, body: { key: 'production', name: 'Again' } },
    },
    {
      what: 'a flag',
      path: `${P}/flags`,
      request: { params: { project }, body: { key: 'a', name: 'Again' } },
    },
    {
      what: 'a segment',
      path: `${ENV}/segments`,
      request: { params: env, body: { key: 'beta', name: 'Again' } },
    },
  ].map(({ what, path, request }) => ({
    name: `${what} whose key is taken`,
    method: 'POST' as const,
    path,
    request,
    status: 409,
    field: 'key',
  })),
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/api/v1/projects',
    request: { body: '{"key": ' },
    status: 400,
    field: 'body',
  },
  {
    name: 'bad key',
    method: 'POST',
    path: '/api/v1/projects',
    request: { body: { key: 'no spaces', name: 'x' } },
    status: 400,
    field: 'key',
  },
  {
    name: 'a name with a NUL in it',
    method: 'POST',
    path: '/api/v1/projects',
    request: { body: { key: 'p2', name: 'nul\u0000name' } },
    status: 400,
    field: 'name',
  },
  {
    name: 'unknown field',
    method: 'POST',
    path: '/api/v1/projects',
    request: { body: { key: 'p2', name: 'x', owner: 'me' } },
    status: 400,
    field: 'owner',
  },
  {
    name: 'wrong type',
    method: 'POST',
    path: '/api/v1/projects',
    request: { body: { key: 'p2', name: 5 } },
    status: 400,
    field: 'name',
  },
  {
    name: 'missing field',
    method: 'POST',
    path: '/api/v1/projects',
    request: { body: {} },
    status: 400,
    field: 'key',
  },
  {
    name: 'body over 256 KB',
    method: 'POST',
    path: '/api/v1/projects',
    request: { body: { key: 'p3', name: 'x', description: 'x'.repeat(300_000) } },
    status: 413,
  },
  {
    name: 'bad colour',
    method: 'POST',
    path: `${P}/environments`,
    request: { params: { project }, body: { key: 'e2', name: 'E', color: 'red' } },
    status: 400,
    field: 'color',
  },
  {
    name: 'unknown flag kind',
    method: 'POST',
    path: `${P}/flags`,
    request: { params: { project }, body: { key: 'c', name: 'C', kind: 'nope' } },
    status: 400,
    field: 'kind',
  },
  {
    name: 'a variation value DynamoDB cannot store (beyond 1e125)',
    method: 'POST',
    path: `${P}/flags`,
    request: {
      params: { project },
      body: { key: 'c', name: 'C', variations: [{ value: 1e300 }, { value: 1 }] },
    },
    status: 400,
    field: 'variations[0].value',
  },
  {
    name: 'no variations',
    method: 'POST',
    path: `${P}/flags`,
    request: { params: { project }, body: { key: 'c', name: 'C', variations: [] } },
    status: 400,
    field: 'variations',
  },
  {
    name: 'default variation out of range',
    method: 'POST',
    path: `${P}/flags`,
    request: {
      params: { project },
      body: { key: 'c', name: 'C', defaults: { onVariation: 5, offVariation: 0 } },
    },
    status: 400,
    field: 'defaults.onVariation',
  },
  {
    name: 'bad list limit',
    method: 'GET',
    path: `${P}/flags`,
    request: { params: { project }, query: { limit: '0' } },
    status: 400,
    field: 'query.limit',
  },
  {
    name: 'forged cursor',
    method: 'GET',
    path: `${P}/flags`,
    request: { params: { project }, query: { cursor: 'eyJwayI6IlRPS0VOUyJ9' } },
    status: 400,
    field: 'cursor',
  },
  {
    name: 'the cursor of a project whose key starts with this one’s',
    method: 'GET',
    path: `${P}/flags`,
    request: {
      params: { project },
      query: { cursor: cursorOf({ pk: `PROJECT#${project}2`, sk: 'FLAG#a' }) },
    },
    status: 400,
    field: 'cursor',
  },
  {
    name: 'the cursor of the project list, for a project key that starts with this one’s',
    method: 'GET',
    path: '/api/v1/projects',
    request: { query: { cursor: cursorOf({ pk: 'PROJECTS2', sk: 'PROJECT#a' }) } },
    status: 400,
    field: 'cursor',
  },
  {
    name: 'the audit cursor of a flag whose key starts with this one’s',
    method: 'GET',
    path: `${P}/audit`,
    request: {
      params: { project },
      query: {
        flag: 'a',
        cursor: cursorOf({ pk: `PROJECT#${project}`, sk: 'x', flagPk: `PROJECT#${project}#FLAG#ab` }),
      },
    },
    status: 400,
    field: 'cursor',
  },
  {
    name: 'the audit cursor of an environment whose key starts with this one’s',
    method: 'GET',
    path: `${P}/audit`,
    request: {
      params: { project },
      query: {
        env: 'production',
        cursor: cursorOf({ pk: `PROJECT#${project}`, sk: 'x', envPk: `PROJECT#${project}#ENV#production2` }),
      },
    },
    status: 400,
    field: 'cursor',
  },
  {
    name: 'unknown query parameter',
    method: 'GET',
    path: `${P}/flags`,
    request: { params: { project }, query: { sort: 'name' } },
    status: 400,
    field: 'query.sort',
  },
  {
    name: 'malformed If-Match',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      headers: { 'if-match': 'latest' },
      body: { instructions: [{ kind: 'turnFlagOn' }] },
    },
    status: 400,
    field: 'If-Match',
  },
  {
    name: 'unknown instruction',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: { instructions: [{ kind: 'explode' }] } },
    status: 400,
    field: 'instructions[0].kind',
  },
  {
    name: 'per-environment instruction without env',
    method: 'PATCH',
    path: FLAG,
    request: { params: flagA.params, body: { instructions: [{ kind: 'turnFlagOn' }] } },
    status: 400,
    field: 'instructions[0].env',
  },
  {
    name: 'instruction argument of wrong type',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: { instructions: [{ kind: 'updateOffVariation', variation: 'one' }] } },
    status: 400,
    field: 'instructions[0].variation',
  },
  {
    name: 'body that is no PATCH form',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: { on: true } },
    status: 400,
    field: 'instructions',
  },
  {
    name: 'rollout weights not 100000',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: addRule({ id: 'r1', clauses: [], rollout: rollout([50_000, 40_000]) }) },
    status: 400,
    field: 'environments.production.rules[0].rollout.variations',
  },
  {
    name: 'off variation out of range',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: [{ op: 'replace', path: '/environments/production/offVariation', value: 9 }] },
    status: 400,
    field: 'environments.production.offVariation',
  },
  {
    name: 'unknown segment',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: addRule(rule({ clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['ghosts'] }] })),
    },
    status: 400,
    field: 'environments.production.rules[0].clauses[0].values[0]',
  },
  {
    name: 'bad regex',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: addRule(rule({ clauses: [{ attribute: 'email', op: 'matches', values: ['(['] }] })),
    },
    status: 400,
    field: 'environments.production.rules[0].clauses[0].values[0]',
  },
  {
    name: 'a new flag with two equal variation values',
    method: 'POST',
    path: `${P}/flags`,
    request: {
      params: { project },
      body: { key: 'c', name: 'C', variations: [{ value: 'a' }, { value: 'b' }, { value: 'a' }] },
    },
    status: 400,
    field: 'variations[2].value',
  },
  {
    name: 'a variation whose JSON value equals another’s but for key order',
    method: 'PATCH',
    path: FLAG,
    request: {
      params: { project, flag: 'theme' },
      body: [{ op: 'replace', path: '/variations/1/value', value: { contrast: 'high', mode: 'dark' } }],
    },
    status: 400,
    field: 'variations[1].value',
  },
  {
    name: 'a variation added with a value the flag already serves',
    method: 'PATCH',
    path: FLAG,
    request: {
      params: { project, flag: 'theme' },
      body: [{ op: 'add', path: '/variations/-', value: { value: { mode: 'light' } } }],
    },
    status: 400,
    field: 'variations[2].value',
  },
  {
    name: 'a string variation added to a boolean flag',
    method: 'PATCH',
    path: FLAG,
    request: {
      params: { project, flag: 'a' },
      body: [{ op: 'add', path: '/variations/-', value: { value: 'maybe' } }],
    },
    status: 400,
    field: 'variations',
  },
  {
    name: 'a boolean flag’s values replaced by numbers',
    method: 'PATCH',
    path: FLAG,
    request: {
      params: { project, flag: 'a' },
      body: [
        { op: 'replace', path: '/variations/0/value', value: 1 },
        { op: 'replace', path: '/variations/1/value', value: 0 },
      ],
    },
    status: 400,
    field: 'variations',
  },
  {
    name: 'a value no semantic version operator can compare',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: addRule(rule({ clauses: [{ attribute: 'v', op: 'semVerEqual', values: ['1.2.3', 'abc'] }] })),
    },
    status: 400,
    field: 'environments.production.rules[0].clauses[0].values[1]',
  },
  {
    name: 'a string where a numeric operator compares numbers',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: addRule(rule({ clauses: [{ attribute: 'age', op: 'lessThan', values: ['abc'] }] })),
    },
    status: 400,
    field: 'environments.production.rules[0].clauses[0].values[0]',
  },
  {
    name: 'a date that does not exist in a segment rule',
    method: 'PATCH',
    path: SEGMENT,
    request: {
      params: { ...env, segment: 'beta' },
      body: addRule({ clauses: [{ attribute: 'since', op: 'before', values: ['2026-02-30T00:00:00Z'] }] }),
    },
    status: 400,
    field: 'rules[0].clauses[0].values[0]',
  },
  {
    name: 'regex the linear-time engine cannot run (lookahead)',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: addRule(rule({ clauses: [{ attribute: 'email', op: 'matches', values: ['(?=a)a'] }] })),
    },
    status: 400,
    field: 'environments.production.rules[0].clauses[0].values[0]',
  },
  {
    name: 'unknown operator',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: addRule(rule({ clauses: [{ attribute: 'email', op: 'like', values: ['x'] }] })),
    },
    status: 400,
    field: 'environments.production.rules[0].clauses[0].op',
  },
  {
    name: 'duplicate rule ids',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: {
        instructions: [
          { kind: 'addRule', rule: rule({}) },
          { kind: 'addRule', rule: rule({}) },
        ],
      },
    },
    status: 400,
    field: 'environments.production.rules[1].id',
  },
  {
    name: 'rule with both variation and rollout',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: addRule(rule({ rollout: rollout([100_000]) })) },
    status: 400,
    field: 'environments.production.rules[0]',
  },
  {
    name: 'unknown prerequisite',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: { instructions: [{ kind: 'addPrerequisite', key: 'zzz', variation: 0 }] } },
    status: 400,
    field: 'environments.production.prerequisites[1].key',
  },
  {
    name: 'prerequisite cycle',
    method: 'PATCH',
    path: FLAG,
    request: {
      params: { project, flag: 'b' },
      query: { env: 'production' },
      body: { instructions: [{ kind: 'addPrerequisite', key: 'a', variation: 0 }] },
    },
    status: 400,
    field: 'environments.production.prerequisites',
  },
  {
    name: 'read-only key',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: [{ op: 'replace', path: '/key', value: 'z' }] },
    status: 400,
    field: 'key',
  },
  {
    name: 'read-only version',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: [{ op: 'replace', path: '/environments/production/version', value: 99 }] },
    status: 400,
    field: 'environments.production.version',
  },
  {
    name: 'unknown field by JSON Patch',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: [{ op: 'add', path: '/colour', value: 'red' }] },
    status: 400,
    field: 'colour',
  },
  {
    name: 'JSON Patch through __proto__',
    method: 'PATCH',
    path: FLAG,
    request: { ...flagA, body: [{ op: 'add', path: '/__proto__/polluted', value: true }] },
    status: 400,
    field: 'patch[0].path',
  },
  {
    name: 'JSON Patch failing in its second operation',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: [
        { op: 'replace', path: '/name', value: 'Renamed' },
        { op: 'remove', path: '/nope' },
      ],
    },
    status: 400,
    field: 'nope',
  },
  {
    name: 'JSON Patch on a missing path',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: [{ op: 'replace', path: '/environments/production/rules/3/variation', value: 0 }],
    },
    status: 400,
    field: 'environments.production.rules[3].variation',
  },
  {
    name: 'failed JSON Patch test',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: {
        comment: 'guarded',
        patch: [
          { op: 'test', path: '/name', value: 'Not A' },
          { op: 'replace', path: '/name', value: 'Z' },
        ],
      },
    },
    status: 409,
  },
  {
    name: 'segment rule on unknown segment',
    method: 'PATCH',
    path: SEGMENT,
    request: {
      params: { ...env, segment: 'beta' },
      body: addRule({ clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['nope'] }] }),
    },
    status: 400,
    field: 'rules[0].clauses[0].values[0]',
  },
  {
    name: 'segment matching itself',
    method: 'PATCH',
    path: SEGMENT,
    request: {
      params: { ...env, segment: 'beta' },
      body: addRule({ clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['beta'] }] }),
    },
    status: 400,
    field: 'rules',
  },
  {
    name: 'unknown token role',
    method: 'POST',
    path: '/api/v1/tokens',
    request: { body: { name: 't', role: 'root' } },
    status: 400,
    field: 'role',
  },
  {
    name: 'token expiry on a day the month does not have',
    method: 'POST',
    path: '/api/v1/tokens',
    request: { body: { name: 't', role: 'reader', expiresAt: '2030-02-30T00:00:00Z' } },
    status: 400,
    field: 'expiresAt',
  },
  {
    name: 'token expiry with an offset of hours alone',
    method: 'POST',
    path: '/api/v1/tokens',
    request: { body: { name: 't', role: 'reader', expiresAt: '2030-11-26T01:00:00+02' } },
    status: 400,
    field: 'expiresAt',
  },
  {
    name: 'insights from a day the month does not have',
    method: 'GET',
    path: `${ENV}/flags/{flag}/insights`,
    request: { params: { ...env, flag: 'a' }, query: { from: '2026-04-31T00:00:00Z' } },
    status: 400,
    field: 'query.from',
  },
  {
    name: 'insights to an offset of hours alone',
    method: 'GET',
    path: `${ENV}/flags/{flag}/insights`,
    request: { params: { ...env, flag: 'a' }, query: { to: '2026-11-26T01:00:00+02' } },
    status: 400,
    field: 'query.to',
  },
  {
    name: 'negative rotation window',
    method: 'POST',
    path: `${ENV}/keys/rotate`,
    request: { params: env, body: { expiryHours: -1 } },
    status: 400,
    field: 'expiryHours',
  },
  {
    name: 'flag of an unknown project',
    method: 'POST',
    path: `${P}/flags`,
    request: { params: { project: 'nope' }, body: { key: 'c', name: 'C' } },
    status: 404,
  },
  {
    name: 'duplicate flag key',
    method: 'POST',
    path: `${P}/flags`,
    request: { params: { project }, body: { key: 'a', name: 'A again' } },
    status: 409,
  },
  {
    // `?env=` narrows GET and PATCH of a flag, never its delete, which is everywhere.
    name: 'a flag delete narrowed to an environment',
    method: 'DELETE',
    path: FLAG,
    request: { params: { project, flag: 'a' }, query: { env: 'production' } },
    status: 400,
    field: 'query.env',
  },
  {
    name: 'a user key targeted by two variations (instructions)',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: {
        instructions: [
          { kind: 'addTargets', variation: 0, values: ['u1', 'u2'] },
          { kind: 'addTargets', variation: 1, values: ['u2'] },
        ],
      },
    },
    status: 400,
    field: 'environments.production.targets[1].values[0]',
  },
  {
    name: 'a context key targeted by two variations (JSON Patch)',
    method: 'PATCH',
    path: FLAG,
    request: {
      ...flagA,
      body: [
        {
          op: 'replace',
          path: '/environments/production/contextTargets',
          value: [
            { contextKind: 'org', variation: 1, values: ['acme'] },
            { contextKind: 'org', variation: 0, values: ['beta', 'acme'] },
          ],
        },
      ],
    },
    status: 400,
    field: 'environments.production.contextTargets[1].values[1]',
  },
  {
    name: 'deleting a prerequisite flag',
    method: 'DELETE',
    path: FLAG,
    request: { params: { project, flag: 'b' } },
    status: 409,
  },
];

describe('bad input', () => {
  it.each(cases)(
    '$name → $status $field, nothing written',
    async ({ method, path, request, status, field }) => {
      const before = await scanAll();
      const result = await call(method, path, { token: admin, ...request });
      expect(result.status, JSON.stringify(result.json)).toBe(status);
      expect(result.json.error.message).toEqual(expect.any(String));
      expect(JSON.stringify(result.json)).not.toMatch(/\bat .*\.(ts|js):\d+/);
      if (field !== undefined) expect(result.json.error.field).toBe(field);
      expect(await scanAll()).toBe(before);
    },
  );

  it('accepts a base64-encoded body as API Gateway sends binary payloads', async () => {
    const { api } = await controlPlane();
    const result = await api(
      httpEvent({
        route: { method: 'POST', path: '/api/v1/projects' },
        headers: { authorization: `Bearer ${admin}` },
        body: { key: 'b64', name: 'Base64' },
        base64: true,
      }),
    );
    expect(result.statusCode).toBe(201);
  });

  it('answers an undeclared route with a JSON 404', async () => {
    const { api } = await controlPlane();
    const result = await api(httpEvent({ route: { method: 'GET', path: '/api/v1/nothing' } }));
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '').error.code).toBe('not_found');
  });

  // Found by exploratory testing: a flag under a project that does not exist said the flag was missing.
  it.each([
    ['no-such-project', 'a', 'Project "no-such-project" not found'],
    [project, 'no-such-flag', 'Flag "no-such-flag" not found'],
  ])('names what is missing in a 404: %s/%s', async (inProject, flag, message) => {
    const result = await call('GET', FLAG, { token: admin, params: { project: inProject, flag } });
    expect(result.status).toBe(404);
    expect(result.json.error.message).toContain(message);
  });

  // Found by exploratory testing: some said the environment, the segment or the flag was missing
  // when the project or the environment was. Every route under a project is asked.
  const underProject = httpRoutes.filter((r) => r.path.includes('{project}') && r.auth.kind === 'apiToken');
  const bodyFor = (method: HttpMethod, path: string): unknown => {
    if (method === 'PATCH') return [{ op: 'replace', path: '/name', value: 'Renamed' }];
    if (method !== 'POST') return undefined;
    if (path.endsWith('/evaluate')) return { kind: 'user', key: 'ada' };
    if (path.endsWith('/rotate')) return {};
    if (path.endsWith('/copy')) return { source: { key: 'production' }, target: { key: 'staging' } };
    return { key: 'fresh', name: 'Fresh' };
  };
  const missing = async (method: HttpMethod, path: string, params: Record<string, string>) => {
    const at = { flag: 'a', eventKey: 'checkout', segment: 'beta', ...params };
    const before = await scanAll();
    const result = await call(method, path, { token: admin, params: at, body: bodyFor(method, path) });
    expect(result.status, JSON.stringify(result.json)).toBe(404);
    expect(await scanAll()).toBe(before);
    return result.json.error.message;
  };

  it.each(underProject.map((r) => [r.method, r.path] as const))(
    '%s %s under a missing project answers that the project is not found',
    async (method, path) => {
      expect(await missing(method, path, { project: 'nope', env: 'production' })).toBe(
        'Project "nope" not found',
      );
    },
  );

  it.each(underProject.filter((r) => r.path.includes('{env}')).map((r) => [r.method, r.path] as const))(
    '%s %s under a missing environment answers that the environment is not found',
    async (method, path) => {
      expect(await missing(method, path, { project, env: 'nowhere' })).toBe(
        `Environment "${project}/nowhere" not found`,
      );
    },
  );

  it.each<HttpMethod>(['GET', 'PATCH', 'DELETE'])(
    'answers %s of a missing segment in a live environment that the segment is not found',
    async (method) => {
      const body = method === 'PATCH' ? [{ op: 'replace', path: '/name', value: 'Renamed' }] : undefined;
      const result = await call(method, SEGMENT, {
        token: admin,
        params: { ...env, segment: 'nosuch' },
        body,
      });
      expect(result.status).toBe(404);
      expect(result.json.error.message).toBe('Segment "nosuch" not found');
    },
  );
});
