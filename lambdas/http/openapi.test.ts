import { httpRoutes, routeKey } from '@switchboard/topology';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from './api-routes.js';
import { assertImplemented, honoPath, routesOf } from './app.js';
import { ingestRoutes } from './ingest-routes.js';
import { openApiDocument } from './openapi.js';
import type { RouteTable } from './route-table.js';
import { sdkRoutes } from './sdk-routes.js';

const tables = {
  api: apiRoutes as RouteTable<unknown>,
  sdk: sdkRoutes as RouteTable<unknown>,
  ingest: ingestRoutes as RouteTable<unknown>,
};
const document = openApiDocument(tables) as {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        summary: string;
        security: unknown[];
        parameters: { name: string; in: string }[];
        requestBody?: unknown;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
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

  it('takes request bodies from the validation schemas', () => {
    const body = document.paths['/api/v1/projects']?.post?.requestBody as {
      content: Record<string, { schema: { required: string[]; additionalProperties: boolean } }>;
    };
    expect(body.content['application/json']?.schema).toMatchObject({
      required: ['key', 'name'],
      additionalProperties: false,
    });
  });

  it('resolves every $ref to a component', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      ([, name]) => name,
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(document.components.schemas[name as string]).toBeDefined();
  });
});

describe('route registration', () => {
  it('has an implementation for every declared route and none other', () => {
    expect(() => assertImplemented(routesOf('api'), tables.api)).not.toThrow();
    expect(() => assertImplemented(routesOf('sdk'), tables.sdk)).not.toThrow();
    expect(() => assertImplemented(routesOf('ingest'), tables.ingest)).not.toThrow();
  });

  it('refuses a table that misses a route', () => {
    const { 'GET /api/v1/projects': _missing, ...rest } = tables.api;
    expect(() => assertImplemented(routesOf('api'), rest)).toThrow(/missing \[GET \/api\/v1\/projects\]/);
  });

  it('turns path templates into Hono paths', () => {
    expect(honoPath('/api/v1/projects/{project}/flags/{flag}')).toBe('/api/v1/projects/:project/flags/:flag');
  });
});
