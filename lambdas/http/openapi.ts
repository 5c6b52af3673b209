import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { type HttpRoute, httpRoutes, type RouteAuth, routeKey } from '@switchboard/topology';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponseSchema } from '../domain/schemas.js';
import {
  type InstructionSet,
  instructionComponents,
  namedSchemas,
  patchInstructions,
} from './openapi-components.js';
import { requestSchemas } from './openapi-requests.js';
import { responseSchemas } from './openapi-responses.js';
import type { RouteDefinition, RouteTable } from './route-table.js';
import { routeTables } from './route-tables.js';

/*
 * Build-time only: `npm run generate:openapi` writes the document to `openapi.json` and, compressed,
 * to `openapi.generated.ts`, which the api-insights function serves (`openapi-served.ts`). No Lambda imports
 * this module, so the generator stays out of the bundles.
 */

type Tables = Readonly<Partial<Record<HttpRoute['function'], RouteTable<unknown>>>>;

/** What `openApiDocument` names; tests swap in their own. */
export interface DocumentOptions {
  /** @default namedSchemas */
  readonly schemas?: Readonly<Record<string, z.core.$ZodType>>;
  /** The instruction kinds of each PATCH route, by route key. @default patchInstructions */
  readonly instructions?: Readonly<Record<string, InstructionSet>>;
  /** The success response of each route, by route key. @default responseSchemas */
  readonly responses?: Readonly<Record<string, z.core.$ZodType>>;
}

const SECURITY: Record<RouteAuth['kind'], Record<string, string[]>[]> = {
  apiToken: [{ apiToken: [] }],
  sdkKey: [{ sdkKey: [] }],
  clientSideId: [],
  public: [],
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorResponseSchema } },
});

/** Which tokens may call the route, as `assertTokenAllows` decides it. */
function tokenAuthDescription(path: string, auth: Extract<RouteAuth, { kind: 'apiToken' }>): string {
  const role = auth.role;
  if (path.includes('{project}'))
    return `Needs an API token with at least the ${role} role, globally or in this project.`;
  if (auth.anyScope) return `Needs an API token with at least the ${role} role, globally or in some project.`;
  return `Needs an API token with at least the ${role} role globally (project-scoped tokens are refused).`;
}

const operationId = (route: HttpRoute) =>
  `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`;

/** A PATCH body is documented per resource, with its instruction kinds; other bodies as validated. */
function requestBody(
  route: HttpRoute,
  definition: RouteDefinition<unknown>,
  patchBody: z.core.$ZodType | undefined,
): z.core.$ZodType | undefined {
  if (route.method === 'PATCH') {
    if (!patchBody) throw new Error(`No instruction kinds for ${routeKey(route)}`);
    return patchBody;
  }
  if (!definition.body) return undefined;
  const schema = definition.body.schema ?? requestSchemas[routeKey(route)]?.body;
  if (!schema) throw new Error(`No documented body for ${routeKey(route)}`);
  return schema;
}

function operation(
  route: HttpRoute,
  definition: RouteDefinition<unknown>,
  patchBody: z.core.$ZodType | undefined,
  response: z.core.$ZodType | undefined,
): ZodOpenApiOperationObject {
  const status = String(definition.status ?? 200);
  const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name as string, z.string()]);
  const body = requestBody(route, definition, patchBody);
  const query = definition.query && (definition.query.schema ?? requestSchemas[routeKey(route)]?.query);
  if (definition.query && !query) throw new Error(`No documented query for ${routeKey(route)}`);
  const auth = route.auth;
  return {
    operationId: operationId(route),
    summary: route.summary,
    'x-switchboard-auth': auth,
    ...(auth.kind === 'apiToken' ? { description: tokenAuthDescription(route.path, auth) } : {}),
    security: SECURITY[auth.kind],
    requestParams: {
      path: z.object(Object.fromEntries(pathParams)),
      ...(query ? { query: query as unknown as z.core.$ZodObject } : {}),
    },
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses: {
      [status]: {
        description: 'Success',
        ...(response ? { content: { 'application/json': { schema: response } } } : {}),
      },
      '400': errorResponse('Invalid request; `error.field` names the field'),
      ...(auth.kind === 'public'
        ? {}
        : { '401': errorResponse('Missing, malformed, unknown or revoked credential') }),
      ...(auth.kind === 'apiToken' ? { '403': errorResponse('The token’s role is too low') } : {}),
      '404': errorResponse('Not found'),
      ...(route.method === 'PATCH' ? { '409': errorResponse('Stale If-Match or concurrent change') } : {}),
      '413': errorResponse('Body too large'),
    },
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REFS = '#/components/schemas/';
/** zod-openapi's name for a recursive part of a schema without a name of its own. */
const ANONYMOUS = /^__schema\d+$/;

/** What zod renders for `z.json()`, recursing through `self`. */
const jsonValue = (self: string): Json => ({
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'array', items: { $ref: self } },
    { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { $ref: self } },
  ],
});

const mapRefs = (node: Json, to: (ref: string) => string): Json => {
  if (Array.isArray(node)) return node.map((item) => mapRefs(item, to));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? to(value) : mapRefs(value, to),
    ]),
  );
};

function refsIn(node: Json, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) refsIn(item, into);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value.slice(REFS.length));
      else refsIn(value, into);
    }
  return into;
}

/**
 * Names what zod-openapi leaves anonymous and drops what nothing uses. Every `z.json()` is a
 * recursive schema of its own, which zod-openapi emits as `__schema<n>` (one per use and direction):
 * they become one `JsonValue`. zod-openapi also renders each named component for responses; where
 * that differs from the request form it adds `<name>Output`, used or not: unused ones are dropped.
 */
function tidy(document: JsonObject): JsonObject {
  const components = document.components as { schemas: JsonObject };
  const renames = new Map<string, string>();
  for (const [name, schema] of Object.entries(components.schemas)) {
    if (!ANONYMOUS.test(name)) continue;
    if (JSON.stringify(schema) !== JSON.stringify(jsonValue(REFS + name)))
      throw new Error(`Recursive schema without a name: ${JSON.stringify(schema)}; add it to namedSchemas`);
    renames.set(name, 'JsonValue');
  }
  const renamed = mapRefs(document, (ref) => {
    const name = renames.get(ref.slice(REFS.length));
    return name ? REFS + name : ref;
  }) as JsonObject & { components: { schemas: JsonObject }; paths: Json };
  const schemas = renamed.components.schemas;
  for (const name of renames.keys()) delete schemas[name];
  if (renames.size > 0) schemas.JsonValue = jsonValue(`${REFS}JsonValue`);
  const used = new Set<string>();
  const pending = [...refsIn(renamed.paths, new Set())];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...refsIn(schemas[name] ?? null, new Set()));
  }
  renamed.components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return renamed;
}

/**
 * The OpenAPI 3.1 document, generated by `zod-openapi` from the topology's routes and the same zod
 * schemas the handlers validate with, so the description cannot drift from the implementation.
 * Schemas in `namedSchemas` and each PATCH route's instruction kinds become named components.
 *
 * @example
 * const document = openApiDocument(routeTables);
 */
export function openApiDocument(
  tables: Tables,
  {
    schemas = namedSchemas,
    instructions = patchInstructions,
    responses = responseSchemas,
  }: DocumentOptions = {},
): JsonObject {
  const paths: ZodOpenApiPathsObject = {};
  // Built once per document: components are matched by identity.
  const patches = new Map(
    Object.entries(instructions).map(([key, set]) => [key, instructionComponents(set)]),
  );
  for (const route of httpRoutes) {
    const key = routeKey(route);
    const definition = tables[route.function]?.[key];
    if (!definition) throw new Error(`No implementation for ${key}`);
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operation(route, definition, patches.get(key)?.body, responses[key]),
    };
  }
  const instructionSchemas = [...patches.values()].map(({ components }) => components);
  const document = createDocument({
    openapi: '3.1.0',
    info: { title: 'Switchboard HTTP API', version: '1' },
    paths,
    components: {
      schemas: Object.assign({}, schemas, ...instructionSchemas),
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'API token (`sbt_…`)' },
        sdkKey: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'Server-side SDK key (`sdk-…`), raw or as Bearer',
        },
      },
    },
  });
  return tidy(document as unknown as JsonObject);
}

/** Where the generated document is kept, for readers and the dashboard's types. */
export const openApiJsonPath = fileURLToPath(new URL('./openapi.json', import.meta.url));
/** Where the compressed copy that the api function serves is kept. */
export const openApiModulePath = fileURLToPath(new URL('./openapi.generated.ts', import.meta.url));

/**
 * The document of every HTTP route as `openapi.json` must hold it, byte for byte.
 *
 * @example
 * await writeFile(openApiJsonPath, renderOpenApiJson());
 */
export function renderOpenApiJson(): string {
  return `${JSON.stringify(openApiDocument(routeTables), null, 2)}\n`;
}

/**
 * The module `openapi-served.ts` reads: the document of `json` (what `renderOpenApiJson` returned),
 * without whitespace, brotli-compressed and in base64.
 *
 * @example
 * await writeFile(openApiModulePath, renderOpenApiModule(renderOpenApiJson()));
 */
export function renderOpenApiModule(json: string): string {
  const compressed = brotliCompressSync(JSON.stringify(JSON.parse(json))).toString('base64');
  return `// Generated by \`npm run generate:openapi\` from lambdas/http/openapi.ts: do not edit.
/** \`openapi.json\` without whitespace, brotli-compressed, in base64. */
export const OPENAPI_BROTLI_BASE64 =
  '${compressed}';
`;
}
