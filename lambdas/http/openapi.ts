import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { type HttpRoute, httpRoutes, type RouteAuth, routeKey } from '@switchboard/topology';
import {
  type ConversionConfig,
  type JsonSchema,
  toJsonSchema,
  toJsonSchemaDefs,
} from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { errorResponseSchema } from '../domain/response-schemas.js';
import {
  type InstructionSet,
  instructionComponents,
  namedSchemas,
  patchInstructions,
} from './openapi-components.js';
import { requestSchemas } from './openapi-requests.js';
import { bodyVersionConflicts, responseSchemas } from './openapi-responses.js';
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
  readonly schemas?: Readonly<Record<string, v.GenericSchema>>;
  /** The instruction kinds of each PATCH route, by route key. @default patchInstructions */
  readonly instructions?: Readonly<Record<string, InstructionSet>>;
  /** The success response of each route, by route key. @default responseSchemas */
  readonly responses?: Readonly<Record<string, v.GenericSchema>>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
/** Requests are documented as they are sent, responses as they are answered (defaults filled in). */
type Direction = 'input' | 'output';

const REFS = '#/components/schemas/';
/** The name of the one recursive schema without a name of its own: any JSON value (`jsonValue`). */
const JSON_VALUE = 'JsonValue';

const SECURITY: Record<RouteAuth['kind'], Record<string, string[]>[]> = {
  apiToken: [{ apiToken: [] }],
  sdkKey: [{ sdkKey: [] }],
  clientSideId: [],
  public: [],
};

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

/** The literal each option of a variant fixes its discriminator to. */
function discriminatorValue(option: v.GenericSchema, key: string): unknown {
  const object = 'pipe' in option ? (option.pipe as readonly v.GenericSchema[])[0] : option;
  const entry = (object as { entries?: Record<string, { literal?: unknown }> } | undefined)?.entries?.[key];
  return entry?.literal;
}

/**
 * Converts valibot schemas to the document's JSON Schemas: the schemas in `named` (and the
 * recursive JSON value) become `$ref`s to components, each in its input and, where it differs,
 * its output form (`<name>Output`); a variant whose options are all components gets the
 * `discriminator` OpenAPI tools read. Checks a JSON Schema cannot state (authoring rules) are left
 * out, and a pipe that transforms is documented as sent (input) or as parsed (output).
 */
class SchemaConverter {
  private readonly components: Record<string, JsonSchema> = {};
  private readonly outputNames = new Set<string>();
  private readonly names: ReadonlyMap<v.GenericSchema, string>;

  constructor(private readonly named: Readonly<Record<string, v.GenericSchema>>) {
    this.names = new Map(Object.entries(named).map(([name, schema]) => [schema, name]));
    const input = this.definitions('input');
    const output = this.definitions('output');
    for (const [name, schema] of Object.entries(input)) {
      this.components[name] = schema;
      const out = output[name];
      if (out && JSON.stringify(out) !== JSON.stringify(schema)) {
        this.components[`${name}Output`] = out;
        this.outputNames.add(name);
      }
    }
  }

  /** The JSON Schema of `schema` as a request (`input`) or a response (`output`) carries it. */
  convert(schema: v.GenericSchema, direction: Direction): JsonObject {
    // A named schema is its reference; converting it would convert every definition again.
    const name = this.names.get(schema);
    if (name !== undefined) return { $ref: REFS + this.refName(name, direction) };
    const {
      $schema: _draft,
      $defs: _defs,
      ...json
    } = toJsonSchema(schema, {
      ...this.config(direction),
      definitions: this.named as Record<string, v.GenericSchema>,
    });
    return json as JsonObject;
  }

  /** Every component a converted schema may refer to. */
  schemas(): Record<string, JsonSchema> {
    return this.components;
  }

  private definitions(direction: Direction): Record<string, JsonSchema> {
    const defs = toJsonSchemaDefs(this.named as Record<string, v.GenericSchema>, this.config(direction));
    const out: Record<string, JsonSchema> = {};
    for (const [id, schema] of Object.entries(defs)) {
      const name = Object.hasOwn(this.named, id) ? id : JSON_VALUE;
      if (
        name === JSON_VALUE &&
        out[JSON_VALUE] &&
        JSON.stringify(out[JSON_VALUE]) !== JSON.stringify(schema)
      )
        throw new Error(`Recursive schema without a name: ${JSON.stringify(schema)}; add it to namedSchemas`);
      out[name] = schema;
    }
    return out;
  }

  private config(direction: Direction): ConversionConfig {
    return {
      target: 'draft-2020-12',
      typeMode: direction,
      errorMode: 'ignore',
      overrideRef: ({ referenceId }) => REFS + this.refName(referenceId, direction),
      overrideSchema: ({ valibotSchema, jsonSchema }) => {
        if (valibotSchema.type !== 'variant') return undefined;
        const { key, options } = valibotSchema as unknown as { key: string; options: v.GenericSchema[] };
        const refs = (jsonSchema.oneOf ?? []) as { $ref?: string }[];
        if (refs.some((ref) => !ref.$ref)) return undefined;
        const mapping = Object.fromEntries(
          options.map((option, i) => [String(discriminatorValue(option, key)), refs[i]?.$ref as string]),
        );
        return { ...jsonSchema, discriminator: { propertyName: key, mapping } } as JsonSchema;
      },
    };
  }

  private refName(referenceId: string, direction: Direction): string {
    if (!Object.hasOwn(this.named, referenceId)) return JSON_VALUE;
    return direction === 'output' && this.outputNames.has(referenceId) ? `${referenceId}Output` : referenceId;
  }
}

const errorResponse = (converter: SchemaConverter, description: string) => ({
  description,
  content: { 'application/json': { schema: converter.convert(errorResponseSchema, 'output') } },
});

/** A PATCH body is documented per resource, with its instruction kinds; other bodies as validated. */
function requestBody(
  route: HttpRoute,
  definition: RouteDefinition<unknown>,
  patchBody: v.GenericSchema | undefined,
): v.GenericSchema | undefined {
  if (route.method === 'PATCH') {
    if (!patchBody) throw new Error(`No instruction kinds for ${routeKey(route)}`);
    return patchBody;
  }
  if (!definition.body) return undefined;
  const schema = definition.body.schema ?? requestSchemas[routeKey(route)]?.body;
  if (!schema) throw new Error(`No documented body for ${routeKey(route)}`);
  return schema;
}

/** The query's parameters, one per field of its object schema, as parsed (`?limit=20` is a number). */
function queryParameters(converter: SchemaConverter, query: v.GenericSchema): JsonObject[] {
  const object = converter.convert(query, 'output') as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      in: 'query',
      name,
      ...(description === undefined ? {} : { description }),
      schema: rest,
      ...(object.required?.includes(name) ? { required: true } : {}),
    };
  });
}

/** The header of the routes that honour `If-Match` (see `RouteDefinition.ifMatch`). */
const IF_MATCH: JsonObject = {
  in: 'header',
  name: 'If-Match',
  description:
    'The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version.',
  // As `readIfMatch` takes it: a bare number, or one quoted as an entity tag.
  schema: { type: 'string', pattern: '^(?:W/)?"?[0-9]{1,15}"?$' },
};

const conflict = (route: HttpRoute) =>
  route.method === 'DELETE'
    ? 'Stale If-Match, concurrent change, or (a flag or segment) still in use'
    : 'Stale If-Match or concurrent change';

function operation(
  converter: SchemaConverter,
  route: HttpRoute,
  definition: RouteDefinition<unknown>,
  patchBody: v.GenericSchema | undefined,
  response: v.GenericSchema | undefined,
): JsonObject {
  const status = String(definition.status ?? 200);
  const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    in: 'path',
    name: name as string,
    schema: { type: 'string' },
    required: true,
  }));
  const body = requestBody(route, definition, patchBody);
  const query = definition.query && (definition.query.schema ?? requestSchemas[routeKey(route)]?.query);
  if (definition.query && !query) throw new Error(`No documented query for ${routeKey(route)}`);
  const auth = route.auth;
  const error = (description: string) => errorResponse(converter, description);
  const conflicts = definition.ifMatch ? conflict(route) : bodyVersionConflicts[routeKey(route)];
  return {
    operationId: operationId(route),
    summary: route.summary,
    'x-switchboard-auth': auth as unknown as Json,
    ...(auth.kind === 'apiToken' ? { description: tokenAuthDescription(route.path, auth) } : {}),
    security: SECURITY[auth.kind],
    parameters: [
      ...pathParams,
      ...(query ? queryParameters(converter, query) : []),
      ...(definition.ifMatch ? [IF_MATCH] : []),
    ],
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: converter.convert(body, 'input') } },
          },
        }
      : {}),
    responses: {
      [status]: {
        description: 'Success',
        ...(response
          ? { content: { 'application/json': { schema: converter.convert(response, 'output') } } }
          : {}),
      },
      '400': error('Invalid request; `error.field` names the field'),
      ...(auth.kind === 'public'
        ? {}
        : { '401': error('Missing, malformed, unknown or revoked credential') }),
      ...(auth.kind === 'apiToken' ? { '403': error('The token’s role is too low') } : {}),
      '404': error('Not found'),
      ...(conflicts ? { '409': error(conflicts) } : {}),
      '413': error('Body too large'),
    },
  };
}

function refsIn(node: Json, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) refsIn(item, into);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value.slice(REFS.length));
      else refsIn(value, into);
    }
  return into;
}

/** The components the paths use, directly or through other components. */
function usedComponents(paths: Json, schemas: Record<string, JsonSchema>): JsonObject {
  const used = new Set<string>();
  const pending = [...refsIn(paths, new Set())];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...refsIn((schemas[name] ?? null) as Json, new Set()));
  }
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) as JsonObject;
}

/**
 * The OpenAPI 3.1 document, generated by `@valibot/to-json-schema` from the topology's routes and
 * the same valibot schemas the handlers validate with, so the description cannot drift from the
 * implementation. Schemas in `namedSchemas` and each PATCH route's instruction kinds become named
 * components.
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
  const patches = new Map(
    Object.entries(instructions).map(([key, set]) => [key, instructionComponents(set)]),
  );
  const converter = new SchemaConverter(
    Object.assign({}, schemas, ...[...patches.values()].map(({ components }) => components)),
  );
  const paths: Record<string, JsonObject> = {};
  for (const route of httpRoutes) {
    const key = routeKey(route);
    const definition = tables[route.function]?.[key];
    if (!definition) throw new Error(`No implementation for ${key}`);
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operation(
        converter,
        route,
        definition,
        patches.get(key)?.body,
        responses[key],
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard HTTP API', version: '1' },
    paths,
    components: {
      schemas: usedComponents(paths, converter.schemas()),
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
  };
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
