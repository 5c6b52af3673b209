import { PAYLOAD_ID_HEADER } from '@switchboard/core/events';
import { contextSchema as coreContextSchema } from '@switchboard/core/schema';
import { type FunctionName, type HttpRoute, httpRoutes, type RouteAuth } from '@switchboard/topology';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { createAdminHandler } from '../../lambdas/api-admin.js';
import { createAuthoringHandler } from '../../lambdas/api-authoring.js';
import { createEvaluateHandler } from '../../lambdas/api-evaluate.js';
import { createInsightsHandler } from '../../lambdas/api-insights.js';
import { ensureAdminToken } from '../../lambdas/bootstrap.js';
import { contextSchema } from '../../lambdas/domain/schemas.js';
import type { HttpHandler } from '../../lambdas/http/app.js';
import { createIngestHandler } from '../../lambdas/ingest.js';
import { createSdkHandler } from '../../lambdas/sdk.js';
import { newAdminToken } from '../helpers/control-plane.js';
import {
  expectErrorShape,
  expectNoPollution,
  fuzzRuns,
  fuzzTimeout,
  hostileString,
  type JsonSchema,
  jsonSchemaOf,
  pollutionKeys,
  schemaArbitrary,
  sometimes,
  spyOnWrites,
} from '../helpers/fuzz.js';
import { bodyText, httpEvent } from '../helpers/http-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Property-based fuzzing of every route the topology declares, driven in-process through the
 * functions' handlers against DynamoDB Local. Requests come from the served OpenAPI document's
 * schemas (path, query, body) with hostile values mixed in at every level, and from hostile forms of
 * the event itself (encodings, headers, credentials, raw paths and query strings). Whatever arrives:
 * no 5xx, every error in the documented shape, nothing written by a refused request, no prototype
 * pollution.
 */

const RUNS = 20;

interface Fixture {
  readonly project: string;
  readonly admin: string;
  readonly reader: string;
  readonly sdkKey: string;
  readonly stagingKey: string;
  readonly clientSideId: string;
  readonly tokenId: string;
}

interface Operation {
  readonly parameters?: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  readonly requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

interface FuzzBody {
  readonly text?: string;
  readonly bytes?: readonly number[];
  readonly base64?: boolean;
  /** Marked base64 without being base64. */
  readonly garbled?: boolean;
}

interface FuzzRequest {
  readonly path: readonly { value: string; raw: boolean }[];
  readonly query: readonly [string, string][];
  readonly rawQuerySuffix: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly body: FuzzBody | undefined;
}

const spy = spyOnWrites(sharedDocumentClient());
let published = 0;
let handlers: Readonly<Record<FunctionName, HttpHandler | undefined>>;
let admin: string;
let document: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};
const outcomes = new Map<string, Map<number | string, number>>();

async function request(
  method: string,
  path: string,
  options: { params?: Record<string, string>; body?: unknown; token?: string },
) {
  const route = { method: method as HttpRoute['method'], path };
  const handler =
    handlers[httpRoutes.find((r) => r.method === method && r.path === path)?.function ?? 'api-admin'];
  const result = await (handler as HttpHandler)(
    httpEvent({
      route,
      params: options.params,
      body: options.body,
      headers: { authorization: `Bearer ${options.token ?? admin}` },
    }),
  );
  const text = bodyText(result);
  if ((result.statusCode ?? 0) >= 300) throw new Error(`${method} ${path}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

let fixtures = 0;

/** A project of its own for each route, so a route that deletes or rotates spoils no other's run. */
async function seedFixture(): Promise<Fixture> {
  const project = `fz${++fixtures}`;
  const P = '/api/v1/projects/{project}';
  await request('POST', '/api/v1/projects', { body: { key: project, name: project } });
  const production = await request('POST', `${P}/environments`, {
    params: { project },
    body: { key: 'production', name: 'Production' },
  });
  const staging = await request('POST', `${P}/environments`, {
    params: { project },
    body: { key: 'staging', name: 'Staging' },
  });
  for (const key of ['a', 'b']) {
    await request('POST', `${P}/flags`, { params: { project }, body: { key, name: key.toUpperCase() } });
  }
  await request('POST', `${P}/environments/{env}/segments`, {
    params: { project, env: 'production' },
    body: { key: 'beta', name: 'Beta' },
  });
  const reader = await request('POST', '/api/v1/tokens', { body: { name: `${project}-r`, role: 'reader' } });
  const spare = await request('POST', '/api/v1/tokens', { body: { name: `${project}-w`, role: 'writer' } });
  return {
    project,
    admin,
    reader: reader.token,
    sdkKey: production.sdkKey,
    stagingKey: staging.sdkKey,
    clientSideId: production.clientSideId,
    tokenId: spare.id,
  };
}

/** Values a path parameter takes when it names something that exists; add one for a new parameter. */
const PATH_VALUES: Readonly<Record<string, (f: Fixture) => string[]>> = {
  project: (f) => [f.project],
  env: () => ['production', 'staging'],
  flag: () => ['a', 'b'],
  segment: () => ['beta'],
  token: (f) => [f.tokenId],
  clientSideId: (f) => [f.clientSideId],
  eventKey: () => ['checkout-completed', 'page view:home'],
};

const pick = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>, weight = 8) =>
  fc.oneof({ arbitrary: valid, weight }, { arbitrary: hostile, weight: 1 });

/** Credentials by the route's declared auth: mostly the right one, so bodies reach validation. */
const CREDENTIALS: Readonly<Record<RouteAuth['kind'], (f: Fixture) => fc.Arbitrary<string | undefined>>> = {
  apiToken: (f) =>
    pick(
      fc.constant(`Bearer ${f.admin}`),
      fc.constantFrom(
        undefined,
        '',
        'Bearer',
        'Bearer ',
        `Bearer ${f.reader}`,
        `bearer ${f.admin}`,
        `Basic ${f.admin}`,
        f.admin,
        `Bearer ${f.sdkKey}`,
        `Bearer ${f.admin}, Bearer ${f.reader}`,
        `Bearer sbt_${'A'.repeat(43)}`,
        `Bearer sbt_${'A'.repeat(5000)}`,
      ),
      6,
    ),
  sdkKey: (f) =>
    pick(
      fc.constantFrom(f.sdkKey, `Bearer ${f.sdkKey}`),
      fc.constantFrom(
        undefined,
        '',
        `Bearer ${f.admin}`,
        f.clientSideId,
        `${f.sdkKey}, ${f.stagingKey}`,
        `sdk-${'A'.repeat(43)}`,
        `Bearer\t${f.sdkKey}`,
      ),
      6,
    ),
  clientSideId: (f) => fc.constantFrom(undefined, `Bearer ${f.admin}`, f.sdkKey),
  public: (f) => fc.constantFrom(undefined, `Bearer ${f.admin}`, 'garbage'),
};

const hostileSegment = fc.oneof(
  hostileString,
  fc.constantFrom('a/b', 'a%2Fb', '..', '.', '%00', '%zz', 'x'.repeat(2048), 'é', 'a b', 'a?b=c', 'a#b'),
);

const contentTypes = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
  '',
);

const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'content-type': contentTypes,
    'content-encoding': fc.constantFrom('gzip', 'br', 'deflate, gzip', 'identity'),
    'content-length': fc.constantFrom('0', '-1', 'abc', '99999999999', '1e400', '262145'),
    'if-match': fc.oneof(
      fc.constantFrom('1', '"2"', 'W/"3"', '*', '99999999999999999999', '-1'),
      hostileString,
    ),
    'if-none-match': fc.oneof(fc.constantFrom('*', '"x"', 'W/"x", "y"'), hostileString),
    'accept-encoding': fc.constantFrom('gzip', 'br;q=0', 'gzip;q=abc, *;q=-1', 'x'.repeat(9000), ''),
    [PAYLOAD_ID_HEADER]: fc.oneof(fc.constantFrom('p-1', 'a'.repeat(64)), hostileString),
    origin: fc.constantFrom('https://evil.example', 'null', ''),
    cookie: fc.constantFrom('a=b', '__proto__=1', ''),
    'x-oversized': fc.constant('x'.repeat(16_000)),
  },
  { requiredKeys: [] },
);

/** Bodies: mostly JSON from the schema; some in other encodings, malformed, deep or oversized. */
function bodyArbitrary(declared: JsonSchema | undefined): fc.Arbitrary<FuzzRequest['body']> {
  // The document declares a context as any JSON object (its `Context` component); core's schema
  // tells what evaluates.
  const named = typeof declared?.$ref === 'string' ? resolve(declared.$ref) : declared;
  const schema = named?.description === contextDescription ? coreContext.schema : declared;
  // Half the bodies are valid in shape, so they reach the services; half carry hostile values.
  const value = schema
    ? fc.oneof(
        schemaArbitrary(schema, { resolve, hostility: 0 }),
        schemaArbitrary(schema, { resolve, hostility: 1 }),
      )
    : fc.jsonValue({ maxDepth: 2 });
  const json = value.map((v) => JSON.stringify(v) ?? 'null');
  return fc.oneof(
    { arbitrary: json.map((text) => ({ text })), weight: schema ? 14 : 1 },
    { arbitrary: json.map((text) => ({ text, base64: true })), weight: 2 },
    { arbitrary: fc.constant(undefined), weight: schema ? 1 : 6 },
    {
      arbitrary: fc.constantFrom(
        { bytes: [0xff, 0xfe, 0x7b, 0x7d] },
        { bytes: [0x7b, 0x22, 0x6b, 0x22, 0x3a, 0xc3, 0x28, 0x7d] },
        { bytes: [0xef, 0xbb, 0xbf, 0x7b, 0x7d] },
        { text: 'not base64 at all!!', base64: true, garbled: true },
      ),
      weight: 1,
    },
    {
      arbitrary: json.chain((text) =>
        fc.constantFrom(
          { text: text.slice(0, Math.max(0, text.length - 1)) },
          { text: `${text}${text}` },
          { text: text.replace(/\d+/, '1e999') },
          { text: `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}` },
          { text: '{"key":"a","key":"b","name":"x","name":{}}' },
          { text: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
          { text: `{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}` },
          { text: `"${'x'.repeat(300_000)}"` },
          { text: `[${'1,'.repeat(60_000)}1]` },
          { text: 'null' },
          { text: '' },
        ),
      ),
      weight: 2,
    },
  );
}

const coreContext = jsonSchemaOf(coreContextSchema);
const contextDescription = v.getDescription(contextSchema);

function resolve(ref: string): JsonSchema {
  if (!ref.startsWith('#/components/schemas/')) return coreContext.resolve(ref);
  const schema = document.components.schemas[ref.slice('#/components/schemas/'.length)];
  if (!schema) throw new Error(`Unknown schema ${ref}`);
  return schema;
}

const stringify = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

function requestArbitrary(route: HttpRoute, fixture: Fixture): fc.Arbitrary<FuzzRequest> {
  const operation = document.paths[route.path]?.[route.method.toLowerCase()] as Operation;
  const parameters = operation.parameters ?? [];
  const path = fc.tuple(
    ...parameters
      .filter((p) => p.in === 'path')
      .map((p) =>
        fc.record({
          value: pick(
            fc.constantFrom(...(PATH_VALUES[p.name] as (f: Fixture) => string[])(fixture)),
            hostileSegment,
            6,
          ),
          raw: fc.boolean(),
        }),
      ),
  );
  const known = parameters
    .filter((p) => p.in === 'query')
    .map((p) =>
      sometimes(
        fc.tuple(
          fc.constant(p.name),
          pick(schemaArbitrary(p.schema, { resolve, hostility: 0 }).map(stringify), hostileString, 4),
        ),
        undefined,
        2,
      ),
    );
  const unknown = sometimes(
    fc.tuple(fc.constantFrom(...pollutionKeys, 'sort', 'env[]', ''), hostileString),
    undefined,
    8,
  );
  const query = fc
    .tuple(fc.tuple(...known), unknown)
    .map(([pairs, extra]) => [...pairs, extra].filter((p): p is [string, string] => p !== undefined));
  const headers = sometimes(hostileHeaders, {}, 4);
  return fc.record({
    path,
    query,
    rawQuerySuffix: sometimes(
      fc.constantFrom('&%zz=1', '&a=%E0%A4%A', '&&=&', '&limit=1&limit=2', '&q=%00'),
      '',
      8,
    ),
    headers,
    authorization: CREDENTIALS[route.auth.kind](fixture),
    body: bodyArbitrary(operation.requestBody?.content['application/json'].schema),
  });
}

/** Percent-encodes like a client; a lone surrogate becomes the invalid UTF-8 a client would send for it. */
const encodeSegment = (value: string): string =>
  encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD')).replaceAll('%EF%BF%BD', '%ED%A0%80');

const fieldOf = (result: APIGatewayProxyStructuredResultV2): string =>
  (JSON.parse(bodyText(result)) as { error: { field?: string; message: string } }).error.field ??
  `- ${(JSON.parse(bodyText(result)) as { error: { message: string } }).error.message.slice(0, 80)}`;

function fuzzEvent(route: HttpRoute, input: FuzzRequest): APIGatewayProxyEventV2 {
  let index = 0;
  const pathParameters: Record<string, string> = {};
  const rawPath = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const segment = input.path[index++] as FuzzRequest['path'][number];
    pathParameters[name] = segment.value;
    return segment.raw ? segment.value : encodeSegment(segment.value);
  });
  const search = new URLSearchParams(input.query as [string, string][]).toString();
  const rawQueryString = `${search}${input.rawQuerySuffix}`.replace(/^&/, '');
  const headers: Record<string, string> = { ...input.headers };
  if (input.authorization !== undefined) headers.authorization = input.authorization;
  const body = input.body;
  if (body && !('content-type' in headers)) headers['content-type'] = 'application/json';
  // The path comes from `rawPath` below; these only fill the template.
  const base = httpEvent({
    route,
    params: Object.fromEntries(Object.keys(pathParameters).map((k) => [k, k])),
    headers,
  });
  const encoded =
    body === undefined
      ? { isBase64Encoded: false }
      : body.bytes
        ? { body: Buffer.from(body.bytes).toString('base64'), isBase64Encoded: true }
        : body.base64 && !body.garbled
          ? { body: Buffer.from(body.text ?? '').toString('base64'), isBase64Encoded: true }
          : { body: body.text ?? '', isBase64Encoded: body.base64 ?? false };
  return {
    ...base,
    rawPath,
    rawQueryString,
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, path: rawPath } },
    ...(input.query.length > 0 ? { queryStringParameters: Object.fromEntries(input.query) } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    ...encoded,
  };
}

beforeAll(async () => {
  await createIsolatedTables();
  admin = newAdminToken();
  await ensureAdminToken(admin);
  handlers = {
    'api-admin': createAdminHandler({ client: spy.client }),
    'api-authoring': createAuthoringHandler({ client: spy.client }),
    'api-insights': createInsightsHandler({ client: spy.client }),
    'api-evaluate': createEvaluateHandler({ client: spy.client }),
    sdk: createSdkHandler({ client: spy.client }),
    ingest: createIngestHandler({
      client: spy.client,
      sink: {
        publish: async (records) => {
          published += records.length;
        },
      },
    }),
  } as Record<FunctionName, HttpHandler | undefined>;
  const served = await (handlers['api-insights'] as HttpHandler)(
    httpEvent({ route: { method: 'GET', path: '/api/v1/openapi.json' } }),
  );
  document = JSON.parse(bodyText(served));
}, 60_000);

afterAll(() => {
  if (!process.env.FUZZ_REPORT) return;
  const rows = [...outcomes].map(
    ([route, statuses]) => `${route}: ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  console.info(`HTTP fuzz outcomes\n${rows.join('\n')}`);
});

describe('hostile HTTP input', () => {
  it('has a generator for every declared route: operation, path parameters, handler and credentials', () => {
    const gaps = httpRoutes.flatMap((route) => {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      const params = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name as string);
      return [
        ...(operation ? [] : [`${route.method} ${route.path}: no operation in the OpenAPI document`]),
        ...params
          .filter((p) => !PATH_VALUES[p])
          .map((p) => `${route.method} ${route.path}: no values for {${p}}`),
        ...(handlers[route.function]
          ? []
          : [`${route.method} ${route.path}: no handler for ${route.function}`]),
        ...(CREDENTIALS[route.auth.kind]
          ? []
          : [`${route.method} ${route.path}: no credentials for ${route.auth.kind}`]),
      ];
    });
    expect(gaps).toEqual([]);
  });

  it('counts a write through the spied client, so a write from a refused request cannot go unseen', async () => {
    const before = spy.writes();
    await request('POST', '/api/v1/projects', { body: { key: 'spied', name: 'Spied' } });
    expect(spy.writes()).toBeGreaterThan(before);
  });

  it.each(httpRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: no 5xx, errors in the documented shape, nothing written when refused',
    async (name, route) => {
      const fixture = await seedFixture();
      const handler = handlers[route.function] as HttpHandler;
      const statuses = new Map<number | string, number>();
      outcomes.set(name, statuses);
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route, fixture), async (input) => {
          const writes = spy.writes();
          const posted = published;
          const result = await handler(fuzzEvent(route, input));
          const status = result.statusCode ?? 0;
          const outcome =
            status >= 400 && process.env.FUZZ_REPORT === 'fields' ? `${status} ${fieldOf(result)}` : status;
          statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
          expect(status).toBeLessThan(500);
          if (status >= 400) {
            expect(result.headers?.['content-type']).toMatch(/^application\/json/);
            expectErrorShape(bodyText(result));
            expect(spy.writes() - writes, 'writes from a refused request').toBe(0);
            expect(published - posted, 'events published from a refused request').toBe(0);
          }
          expectNoPollution();
        }),
        fuzzRuns(RUNS),
      );
    },
    fuzzTimeout(RUNS, 1_500),
  );
});
