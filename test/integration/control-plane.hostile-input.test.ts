import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { ensureAdminToken } from '../../lambdas/bootstrap.js';
import type { HttpHandler } from '../../lambdas/http/app.js';
import { ENV, FLAG, managementApi, newAdminToken, P } from '../helpers/control-plane.js';
import { expectErrorShape, spyOnWrites } from '../helpers/fuzz.js';
import { bodyText, httpEvent } from '../helpers/http-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Requests the hostile-input fuzzing (`fuzz.http.test.ts`) found answered with a 5xx, outside the
 * error shape, or without naming the field, kept as plain cases: each is refused with a 4xx in the
 * documented shape, names the field where it has one, and writes nothing.
 */

const spy = spyOnWrites(sharedDocumentClient());
let api: HttpHandler;
let admin: string;
const project = 'hostile';

type Route = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string };

function event(route: Route, options: { params?: Record<string, string>; body?: unknown } = {}) {
  return httpEvent({
    route,
    params: options.params,
    body: options.body,
    headers: { authorization: `Bearer ${admin}` },
  });
}

beforeAll(async () => {
  await createIsolatedTables();
  admin = newAdminToken();
  await ensureAdminToken(admin);
  api = managementApi({ client: spy.client });
  const setup: [Route, { params?: Record<string, string>; body: unknown }][] = [
    [{ method: 'POST', path: '/api/v1/projects' }, { body: { key: project, name: 'Hostile' } }],
    [
      { method: 'POST', path: `${P}/environments` },
      { params: { project }, body: { key: 'production', name: 'Production' } },
    ],
    [
      { method: 'POST', path: `${P}/flags` },
      { params: { project }, body: { key: 'a', name: 'A' } },
    ],
  ];
  for (const [route, options] of setup) {
    const result = await api(event(route, options));
    if ((result.statusCode ?? 0) >= 300) throw new Error(bodyText(result));
  }
}, 60_000);

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const flags: Route = { method: 'POST', path: `${P}/flags` };
const flagA = { method: 'PATCH', path: FLAG } as const;

interface HostileCase {
  readonly name: string;
  readonly event: () => APIGatewayProxyEventV2;
  readonly status: number;
  readonly field?: string;
}

const cases: HostileCase[] = [
  {
    name: 'a variation value with an empty object key (DynamoDB refuses empty attribute names)',
    event: () =>
      event(flags, {
        params: { project },
        body: { key: 'c', name: 'C', variations: [{ value: { '': '' } }] },
      }),
    status: 400,
    field: 'variations[0].value',
  },
  {
    name: 'a variation value of 1e300 (beyond what DynamoDB stores)',
    event: () =>
      event(flags, {
        params: { project },
        body: { key: 'c', name: 'C', variations: [{ value: 1e300 }, { value: 1 }] },
      }),
    status: 400,
    field: 'variations[0].value',
  },
  {
    name: 'a clause value of 1e-200',
    event: () => ({
      ...event(flagA, {
        params: { project, flag: 'a' },
        body: {
          instructions: [
            {
              kind: 'addRule',
              rule: { id: 'r', variation: 0, clauses: [{ attribute: 'n', op: 'in', values: [1e-200] }] },
            },
          ],
        },
      }),
      rawQueryString: 'env=production',
    }),
    status: 400,
    field: 'instructions[0].rule.clauses[0].values[0]',
  },
  {
    name: 'a path parameter of 2,000 characters (DynamoDB refuses the key)',
    event: () => event({ method: 'GET', path: FLAG }, { params: { project, flag: 'x'.repeat(2_000) } }),
    status: 400,
    field: 'path.flag',
  },
  {
    name: 'a path parameter with a slash',
    event: () =>
      event(
        { method: 'DELETE', path: `${ENV}/segments/{segment}` },
        { params: { project, env: 'production', segment: 'a/b' } },
      ),
    status: 400,
    field: 'path.segment',
  },
  {
    name: 'a body nested 5,000 deep (the stack overflows in validation)',
    event: () =>
      event(
        { method: 'POST', path: `${ENV}/evaluate` },
        { params: { project, env: 'production' }, body: deep(5_000) },
      ),
    status: 400,
    field: 'body',
  },
  {
    name: 'a JSON Patch value nested 3,000 deep',
    event: () => ({
      ...event(flagA, {
        params: { project, flag: 'a' },
        body: `[{"op":"add","path":"/description","value":${deep(3_000)}}]`,
      }),
    }),
    status: 400,
    field: 'body',
  },
  {
    name: 'a body marked base64 that is not',
    event: () => ({
      ...event(flags, { params: { project }, body: { key: 'c', name: 'C' } }),
      body: 'not base64 at all!!',
      isBase64Encoded: true,
    }),
    status: 400,
    field: 'body',
  },
  {
    name: 'a header with a NUL character',
    event: () => {
      const e = event({ method: 'GET', path: P }, { params: { project } });
      return { ...e, headers: { ...e.headers, 'if-match': '\u0000' } };
    },
    status: 400,
    field: 'if-match',
  },
  {
    name: 'an array where the body is an object',
    event: () => event({ method: 'POST', path: '/api/v1/projects' }, { body: [] }),
    status: 400,
    field: 'body',
  },
  {
    name: 'a body of JSON null',
    event: () => event({ method: 'POST', path: '/api/v1/tokens' }, { body: 'null' }),
    status: 400,
    field: 'body',
  },
];

describe('hostile input the fuzzing found', () => {
  it.each(cases)('$name → $status $field, nothing written', async ({ event: make, status, field }) => {
    const writes = spy.writes();
    const result = await api(make());
    const text = bodyText(result);
    expect(result.statusCode, text).toBe(status);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expectErrorShape(text);
    expect(JSON.parse(text).error.field).toBe(field);
    expect(spy.writes()).toBe(writes);
  });

  it('serves a GET that carries a body, as if it had none', async () => {
    const request = event({ method: 'GET', path: P }, { params: { project } });
    const result = await api({ ...request, body: 'e30=', isBase64Encoded: true });
    expect(result.statusCode, bodyText(result)).toBe(200);
  });

  it('reads a header holding a lone surrogate instead of failing on it', async () => {
    const request = event({ method: 'GET', path: P }, { params: { project } });
    const result = await api({ ...request, headers: { ...request.headers, 'x-request-note': '\uDFFFx' } });
    expect(result.statusCode, bodyText(result)).toBe(200);
  });
});
