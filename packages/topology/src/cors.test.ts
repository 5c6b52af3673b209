import { describe, expect, it } from 'vitest';
import { corsPolicyOf, preflightRoutes } from './cors.js';
import { type HttpRoute, httpRoutes } from './routes.js';

const route = (overrides: Partial<HttpRoute>): HttpRoute => ({
  method: 'GET',
  path: '/api/v1/projects',
  function: 'api-admin',
  auth: { kind: 'apiToken', role: 'reader' },
  summary: 'test',
  ...overrides,
});

describe('corsPolicyOf', () => {
  it('gives every management route the dashboard policy', () => {
    const management = httpRoutes.filter((r) => r.path.startsWith('/api/v1/'));
    expect(management.length).toBeGreaterThan(0);
    for (const r of management) expect(corsPolicyOf(r), `${r.method} ${r.path}`).toBe('dashboard');
  });

  it('opens the client-side SDK routes to any origin and closes the server SDK routes', () => {
    const sdk = httpRoutes
      .filter((r) => r.path.startsWith('/sdk/'))
      .map((r) => [`${r.method} ${r.path}`, corsPolicyOf(r)]);
    expect(Object.fromEntries(sdk)).toEqual({
      'GET /sdk/v1/flags': 'none',
      'POST /sdk/v1/evaluate/{clientSideId}': 'anyOrigin',
      'POST /sdk/v1/events': 'none',
      'POST /sdk/v1/events/{clientSideId}': 'anyOrigin',
    });
  });

  it('prefers a route’s declared policy over its auth’s', () => {
    expect(corsPolicyOf(route({ cors: 'none' }))).toBe('none');
  });
});

describe('preflightRoutes', () => {
  it('declares one OPTIONS route per path that allows cross-origin calls, to the path’s function', () => {
    const routes = [
      route({ method: 'GET' }),
      route({ method: 'POST', auth: { kind: 'apiToken', role: 'admin' } }),
      route({ method: 'GET', path: '/sdk/v1/flags', function: 'sdk', auth: { kind: 'sdkKey' } }),
      route({ method: 'POST', path: '/sdk/v1/x/{id}', function: 'sdk', auth: { kind: 'clientSideId' } }),
    ];
    expect(preflightRoutes(routes)).toEqual([
      {
        method: 'OPTIONS',
        path: '/api/v1/projects',
        function: 'api-admin',
        cors: 'dashboard',
        methods: ['GET', 'POST'],
      },
      { method: 'OPTIONS', path: '/sdk/v1/x/{id}', function: 'sdk', cors: 'anyOrigin', methods: ['POST'] },
    ]);
  });

  it('refuses routes of one path that differ in function or policy', () => {
    expect(() => preflightRoutes([route({}), route({ method: 'POST', function: 'sdk' })])).toThrow(
      /Routes of \/api\/v1\/projects disagree/,
    );
    expect(() => preflightRoutes([route({}), route({ method: 'POST', cors: 'anyOrigin' })])).toThrow(
      /disagree/,
    );
  });

  it('accepts the topology', () => {
    const paths = new Set(httpRoutes.map((r) => r.path));
    expect(preflightRoutes(httpRoutes).length).toBe(paths.size - 2);
  });
});
