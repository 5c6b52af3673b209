import type { HttpMethod, RouteAuth } from '@switchboard/topology';
import { describe, expect, it } from 'vitest';
import { httpEvent } from '../../test/helpers/http-events.js';
import { UnauthorizedError } from '../errors.js';
import type { AuthService, Principal } from '../services/auth-service.js';
import { type AdminServices, adminRoutes } from './api-admin-routes.js';
import { authoringRoutes } from './api-authoring-routes.js';
import { type InsightsServices, insightsRoutes } from './api-insights-routes.js';
import { createHttpHandler, type HttpHandler } from './app.js';
import { corsConfigFromEnv } from './cors.js';
import { ingestRoutes } from './ingest-routes.js';

const dashboard = 'https://d111111abcdef8.cloudfront.net';
const foreign = 'https://evil.example';

/** Lets client-side ids through and refuses every other credential, as a wrong token would be. */
const auth = {
  authenticate: async (required: RouteAuth): Promise<Principal> => {
    if (required.kind === 'clientSideId')
      return { kind: 'clientSideId', project: 'p', env: 'e', credential: 'clientSideId:c' };
    if (required.kind === 'public') return { kind: 'public' };
    throw new UnauthorizedError();
  },
} as unknown as AuthService;

const config = { dashboardOrigins: [dashboard] };
const admin = createHttpHandler('api-admin', adminRoutes, { services: {} as AdminServices, auth }, config);
const authoring = createHttpHandler(
  'api-authoring',
  authoringRoutes,
  { services: {} as never, auth },
  config,
);
const insights = createHttpHandler(
  'api-insights',
  insightsRoutes,
  { services: { openapi: () => ({ openapi: '3.1.0' }) } as unknown as InsightsServices, auth },
  config,
);
const ingest = createHttpHandler(
  'ingest',
  ingestRoutes,
  { services: { ingest: { ingest: async () => ({ accepted: 1, records: 1 }) } }, auth },
  config,
);

interface Init {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** What a browser's request becomes once API Gateway has routed it to `handler`. */
async function send(handler: HttpHandler, path: string, init: Init = {}) {
  const method = (init.method ?? 'GET') as HttpMethod;
  const result = await handler(
    httpEvent({
      route: { method, path },
      params: Object.fromEntries([...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, 'x'])),
      headers: init.headers,
      body: init.body,
    }),
  );
  const headers = new Headers(result.headers as Record<string, string>);
  return { status: result.statusCode, headers };
}

const preflight = (method: string, origin: string, headers = 'content-type') => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
});

describe('CORS on management routes (dashboard policy)', () => {
  it('answers a preflight from the dashboard with its origin, the path’s methods and headers', async () => {
    const response = await send(
      authoring,
      '/api/v1/projects/{project}/flags/{flag}',
      preflight('PATCH', dashboard, 'authorization,content-type,if-match'),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(dashboard);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,PATCH,DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,if-match,if-none-match',
    );
    expect(response.headers.get('access-control-max-age')).toBe('3600');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('answers a preflight from another origin without allowing it', async () => {
    const response = await send(admin, '/api/v1/projects', preflight('POST', foreign));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the dashboard read answers, errors included, and keeps them from other origins', async () => {
    const allowed = await send(insights, '/api/v1/openapi.json', { headers: { origin: dashboard } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(dashboard);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('etag');
    expect(allowed.headers.get('vary')).toContain('Origin');

    const refused = await send(admin, '/api/v1/projects', { headers: { origin: dashboard } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(dashboard);

    const other = await send(insights, '/api/v1/openapi.json', { headers: { origin: foreign } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin when none is configured (the dashboard is then same-origin)', async () => {
    const sameOrigin = createHttpHandler(
      'api-admin',
      adminRoutes,
      { services: {} as AdminServices, auth },
      corsConfigFromEnv({}),
    );
    const response = await send(sameOrigin, '/api/v1/projects', preflight('GET', dashboard));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS on client-side SDK routes (any origin)', () => {
  it.each([dashboard, foreign])(
    'answers a preflight from %s with that origin, credentials allowed',
    async (origin) => {
      const response = await send(ingest, '/sdk/v1/events/{clientSideId}', preflight('POST', origin));
      expect(response.status).toBe(204);
      // A beacon (`navigator.sendBeacon`) is credentialed: `*` would make the browser drop it.
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-allow-methods')).toBe('POST');
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
      expect(response.headers.get('vary')).toContain('Origin');
    },
  );

  it('lets any page read the answer, a 4xx included', async () => {
    const post = (events: unknown[]) =>
      send(ingest, '/sdk/v1/events/{clientSideId}', {
        method: 'POST',
        headers: { origin: foreign, 'content-type': 'application/json' },
        body: JSON.stringify(events),
      });
    const custom = { kind: 'custom', key: 'checkout', contextKeys: { user: 'u1' }, creationDate: Date.now() };
    const accepted = await post([custom]);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('access-control-allow-origin')).toBe(foreign);
    const refused = await post([]);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBe(foreign);
  });
});

describe('server SDK routes (no CORS)', () => {
  it('answers no preflight and allows no origin', async () => {
    const response = await send(ingest, '/sdk/v1/events', preflight('POST', dashboard));
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('corsConfigFromEnv', () => {
  it('reads comma-separated origins, ignoring blanks', () => {
    expect(corsConfigFromEnv({ DASHBOARD_ORIGINS: ` ${dashboard}, ,https://flags.example.com` })).toEqual({
      dashboardOrigins: [dashboard, 'https://flags.example.com'],
    });
  });
});
