import { readFile } from 'node:fs/promises';
import { compileErrors, validate } from '@readme/openapi-parser';
import { type FunctionName, httpRoutes, routeKey } from '@switchboard/topology';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { assertImplemented, routesOf } from './app.js';
import { openApiDocument, openApiJsonPath, renderOpenApiJson } from './openapi.js';
import { documented, namedSchemas, patchInstructions } from './openapi-components.js';
import { responseSchemas } from './openapi-responses.js';
import { servedOpenApiDocument } from './openapi-served.js';
import { type RouteTable, route } from './route-table.js';
import { routeTables } from './route-tables.js';
import { validated } from './validated.js';

const tables = routeTables as Readonly<Record<string, RouteTable<unknown>>>;
const http = Object.keys(tables) as FunctionName[];

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  const?: unknown;
  description?: string;
  examples?: Record<string, unknown>[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  items?: Schema;
  discriminator?: { propertyName: string; mapping: Record<string, string> };
};
interface Operation {
  summary: string;
  security: unknown[];
  parameters: { name: string; in: string }[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const document = openApiDocument(tables) as unknown as Document;

const REFS = '#/components/schemas/';
const resolve = (doc: Document, schema: Schema | undefined): Schema | undefined =>
  schema?.$ref ? doc.components.schemas[schema.$ref.slice(REFS.length)] : schema;
const bodyOf = (doc: Document, path: string, method: string) =>
  doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
  });

  it.each(httpRoutes.map((r) => [routeKey(r), r] as const))('describes %s', (_key, route) => {
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation?.summary).toBe(route.summary);
    const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name);
    expect(operation?.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
    expect(operation?.security).toEqual(
      route.auth.kind === 'apiToken'
        ? [{ apiToken: [] }]
        : route.auth.kind === 'sdkKey'
          ? [{ sdkKey: [] }]
          : [],
    );
  });

  it('takes request bodies from the validation schemas, as named components', () => {
    const body = bodyOf(document, '/api/v1/projects', 'post');
    expect(body).toEqual({ $ref: `${REFS}CreateProject` });
    expect(resolve(document, body)).toMatchObject({ required: ['key', 'name'], additionalProperties: false });
  });

  it('declares If-Match, and its 409, on the PATCH and DELETE of every versioned resource', () => {
    const takingIfMatch = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.parameters.some((p) => p.in === 'header' && p.name === 'If-Match'))
        .map(([method, op]) => {
          expect(op.responses).toHaveProperty('409');
          return `${method.toUpperCase()} ${path.replace('/api/v1/projects/{project}', '…')}`;
        }),
    );
    expect(takingIfMatch.sort()).toEqual([
      'DELETE …',
      'DELETE …/environments/{env}',
      'DELETE …/environments/{env}/segments/{segment}',
      'DELETE …/flags/{flag}',
      'PATCH …',
      'PATCH …/environments/{env}',
      'PATCH …/environments/{env}/segments/{segment}',
      'PATCH …/flags/{flag}',
    ]);
  });

  it("declares the 409 of a flag copy's stale currentVersion", () => {
    const copy = document.paths['/api/v1/projects/{project}/flags/{flag}/copy']?.post;
    expect(copy?.responses).toHaveProperty('409');
  });

  it('names every component it refers to, and keeps no other', () => {
    const refs = new Set(
      [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(([, n]) => n),
    );
    expect(refs.size).toBeGreaterThan(40);
    expect(new Set(Object.keys(document.components.schemas))).toEqual(refs);
    expect([...refs].filter((name) => name?.startsWith('__'))).toEqual([]);
    expect(refs).toContain('JsonValue');
  });
});

describe('semantic-patch instructions in the document', () => {
  it.each(Object.entries(patchInstructions))('%s takes one component per instruction kind', (key, set) => {
    const [method, path] = key.split(' ') as [string, string];
    const patch = resolve(document, bodyOf(document, path, method.toLowerCase()));
    const instructionsBody = patch?.anyOf
      ?.map((s) => resolve(document, s))
      .find((s) => s?.properties?.instructions);
    const union = resolve(document, instructionsBody?.properties?.instructions?.items);
    const kinds = Object.keys(set.kinds);
    expect(union?.discriminator).toEqual({
      propertyName: 'kind',
      mapping: Object.fromEntries(kinds.map((kind) => [kind, `${REFS}${set.resource}Instruction.${kind}`])),
    });
    for (const kind of kinds) {
      const component = document.components.schemas[`${set.resource}Instruction.${kind}`];
      expect(component?.properties?.kind).toEqual({ const: kind });
      expect(component?.required).toContain('kind');
      expect(component?.description).toEqual(
        set.kinds[kind]?.perEnvironment && set.envQuery
          ? expect.stringContaining(set.kinds[kind]?.description as string)
          : set.kinds[kind]?.description,
      );
      expect(component?.examples?.[0]?.kind).toBe(kind);
    }
  });

  it.each(
    Object.values(patchInstructions).flatMap(({ resource, kinds }) =>
      Object.entries(kinds).map(([kind, definition]) => [`${resource} ${kind}`, kind, definition] as const),
    ),
  )('%s: the example is valid', (_name, kind, { args, example }) => {
    expect(v.safeParse(args, { kind, ...example }).issues).toBeUndefined();
  });

  it('documents every kind, with an example, in docs/control-plane.md', async () => {
    const docs = await readFile(new URL('../../docs/control-plane.md', import.meta.url), 'utf8');
    const kinds = new Set(Object.values(patchInstructions).flatMap(({ kinds }) => Object.keys(kinds)));
    for (const kind of kinds) expect(docs).toContain(`{ "kind": "${kind}"`);
  });
});

describe('document generation', () => {
  it('names the schemas it is given and refers to them', () => {
    const miniProject = v.strictObject({ key: v.string(), tags: v.optional(v.array(v.string()), []) });
    const miniTables = {
      ...tables,
      'api-admin': {
        ...tables['api-admin'],
        'POST /api/v1/projects': route({ body: validated(miniProject), handle: async () => ({}) }),
      },
    };
    const rename = v.strictObject({ kind: v.string(), to: v.pipe(v.string(), v.minLength(1)) });
    const doc = openApiDocument(miniTables, {
      schemas: { ...namedSchemas, MiniProject: miniProject },
      instructions: {
        ...patchInstructions,
        'PATCH /api/v1/projects/{project}': {
          resource: 'Mini',
          kinds: { rename: { description: 'Renames', example: { to: 'b' }, args: rename } },
        },
      },
    }) as unknown as Document;
    expect(bodyOf(doc, '/api/v1/projects', 'post')).toEqual({ $ref: `${REFS}MiniProject` });
    expect(doc.components.schemas.MiniProject).toEqual({
      type: 'object',
      properties: {
        key: { type: 'string' },
        tags: { default: [], type: 'array', items: { type: 'string' } },
      },
      required: ['key'],
      additionalProperties: false,
    });
    expect(bodyOf(doc, '/api/v1/projects/{project}', 'patch')).toEqual({ $ref: `${REFS}MiniPatch` });
    expect(doc.components.schemas['MiniInstruction.rename']).toMatchObject({
      properties: { kind: { const: 'rename' }, to: { type: 'string', minLength: 1 } },
      required: ['kind', 'to'],
      description: 'Renames',
      examples: [{ kind: 'rename', to: 'b' }],
    });
  });

  it('refuses instruction kinds and their documentation that do not name the same kinds', () => {
    const args = v.strictObject({ kind: v.string() });
    const doc = { description: 'Does', example: {} };
    expect(() => documented({ a: { args } }, { a: doc, b: doc })).toThrow('documented but unknown [b]');
    expect(() => documented({ a: { args }, c: { args } }, { a: doc })).toThrow('undocumented [c]');
  });

  it('refuses a PATCH route without instruction kinds', () => {
    const { 'PATCH /api/v1/projects/{project}': _missing, ...instructions } = patchInstructions;
    expect(() => openApiDocument(tables, { instructions })).toThrow(
      'No instruction kinds for PATCH /api/v1/projects/{project}',
    );
  });

  it('is what openapi.json holds and the api function serves (run `npm run generate:openapi`)', async () => {
    const json = await readFile(openApiJsonPath, 'utf8');
    expect(json).toBe(renderOpenApiJson());
    expect(servedOpenApiDocument()).toEqual(JSON.parse(json));
  });
});

describe('route registration', () => {
  it('has an implementation for every declared route and none other', () => {
    expect(http.length).toBeGreaterThan(0);
    for (const fn of http) expect(() => assertImplemented(routesOf(fn), tables[fn] ?? {})).not.toThrow();
    expect(new Set(httpRoutes.map((r) => r.function))).toEqual(new Set(http));
  });

  it('refuses a table that misses a route', () => {
    const { 'GET /api/v1/projects': _missing, ...rest } = tables['api-admin'] ?? {};
    expect(() => assertImplemented(routesOf('api-admin'), rest)).toThrow(
      /missing \[GET \/api\/v1\/projects\]/,
    );
  });

  it('documents a success response for every route that answers a body', () => {
    const bodiless = httpRoutes.filter((r) => !responseSchemas[routeKey(r)]).map(routeKey);
    expect(bodiless.every((key) => key.startsWith('DELETE ') || key === 'GET /api/v1/openapi.json')).toBe(
      true,
    );
  });
});
