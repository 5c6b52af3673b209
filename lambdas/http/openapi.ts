import { type HttpRoute, httpRoutes, type RouteAuth, routeKey } from '@switchboard/topology';
import * as z from 'zod/mini';
import { canonicalJson } from '../domain/json.js';
import { errorResponseSchema } from '../domain/schemas.js';
import type { RouteDefinition, RouteTable } from './route-table.js';

type JsonObject = Record<string, unknown>;

/**
 * Collects shared definitions (`$defs` that zod emits for recursive schemas such as JSON values)
 * into `components.schemas`, named once per distinct content, and points references there.
 */
class Components {
  private readonly names = new Map<string, string>();
  readonly schemas: Record<string, JsonObject> = {};

  constructor() {
    this.schemas.Error = this.toSchema(errorResponseSchema, 'output');
  }

  toSchema(schema: z.core.$ZodType, io: 'input' | 'output'): JsonObject {
    const {
      $schema: _schema,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
    const renames = new Map<string, string>();
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) {
      renames.set(name, this.nameFor(definition));
    }
    const rewrite = (json: unknown): unknown =>
      JSON.parse(
        JSON.stringify(json).replace(
          /"#\/\$defs\/([^"]+)"/g,
          (_m, name: string) => `"#/components/schemas/${renames.get(name)}"`,
        ),
      );
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) {
      this.schemas[renames.get(name) as string] = rewrite(definition) as JsonObject;
    }
    return rewrite(rest) as JsonObject;
  }

  private nameFor(definition: JsonObject): string {
    const content = canonicalJson(definition);
    const existing = this.names.get(content);
    if (existing) return existing;
    const name = `Shared${this.names.size + 1}`;
    this.names.set(content, name);
    return name;
  }
}

const SECURITY: Record<RouteAuth['kind'], JsonObject[]> = {
  apiToken: [{ apiToken: [] }],
  sdkKey: [{ sdkKey: [] }],
  clientSideId: [],
  public: [],
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function parameters(
  route: HttpRoute,
  definition: RouteDefinition<unknown>,
  components: Components,
): JsonObject[] {
  const path = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!definition.query) return path;
  const query = components.toSchema(definition.query, 'input') as {
    properties?: JsonObject;
    required?: string[];
  };
  const fromQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: query.required?.includes(name) ?? false,
    schema,
  }));
  return [...path, ...fromQuery];
}

/** Which tokens may call the route, as `assertTokenAllows` decides it. */
function tokenAuthDescription(path: string, auth: Extract<RouteAuth, { kind: 'apiToken' }>): string {
  const role = auth.role;
  if (path.includes('{project}'))
    return `Needs an API token with at least the ${role} role, globally or in this project.`;
  if (auth.anyScope) return `Needs an API token with at least the ${role} role, globally or in some project.`;
  return `Needs an API token with at least the ${role} role globally (project-scoped tokens are refused).`;
}

function operation(
  route: HttpRoute,
  definition: RouteDefinition<unknown>,
  components: Components,
): JsonObject {
  const status = String(definition.status ?? 200);
  const bodySchema =
    definition.body && ('_zod' in definition.body ? definition.body : definition.body.schema);
  const success = definition.response
    ? {
        description: 'Success',
        content: { 'application/json': { schema: components.toSchema(definition.response, 'output') } },
      }
    : { description: 'Success' };
  const auth = route.auth;
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    'x-switchboard-auth': auth,
    ...(auth.kind === 'apiToken' ? { description: tokenAuthDescription(route.path, auth) } : {}),
    security: SECURITY[auth.kind],
    parameters: parameters(route, definition, components),
    ...(bodySchema
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.toSchema(bodySchema, 'input') } },
          },
        }
      : {}),
    responses: {
      [status]: success,
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

/**
 * The OpenAPI 3.1 document, generated from the topology's routes and the same zod schemas the
 * handlers validate with, so the description cannot drift from the implementation.
 */
export function openApiDocument(
  tables: Readonly<Partial<Record<HttpRoute['function'], RouteTable<unknown>>>>,
): JsonObject {
  const components = new Components();
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of httpRoutes) {
    const definition = tables[route.function]?.[routeKey(route)];
    if (!definition) throw new Error(`No implementation for ${routeKey(route)}`);
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonObject>)[route.method.toLowerCase()] = operation(
      route,
      definition,
      components,
    );
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard HTTP API', version: '1' },
    paths,
    components: {
      schemas: components.schemas,
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
