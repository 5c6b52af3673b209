import type { RouteAuth } from '@switchboard/topology';
import { describe, expect, it } from 'vitest';
import { httpEvent } from '../../test/helpers/http-events.js';
import type { AuthService, Principal } from '../services/auth-service.js';
import { type AdminServices, adminRoutes } from './api-admin-routes.js';
import { createHttpHandler } from './app.js';
import { RawResponse, rawResult } from './response.js';

/** Lets every route through as a global admin token. */
const auth = {
  authenticate: async (_required: RouteAuth): Promise<Principal> =>
    ({ kind: 'apiToken', id: 't', name: 'test', role: 'admin' }) as unknown as Principal,
} as unknown as AuthService;

const services = {
  tokens: { list: async () => ({ items: [], nextCursor: null }) },
} as unknown as AdminServices;
const admin = createHttpHandler('api-admin', adminRoutes, { services, auth }, { dashboardOrigins: [] });

const errorOf = (body: string | undefined) => JSON.parse(body ?? '').error;

describe('dispatch by route key', () => {
  it('serves a declared route key', async () => {
    const result = await admin(httpEvent({ route: { method: 'GET', path: '/api/v1/tokens' } }));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(result.body ?? '')).toEqual({ items: [], nextCursor: null });
  });

  it('answers 405 with Allow for a method its path does not take', async () => {
    const result = await admin(httpEvent({ route: { method: 'PATCH', path: '/api/v1/tokens' } }));
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('GET, POST');
    expect(errorOf(result.body).code).toBe('method_not_allowed');
  });

  it('answers 404 for a path it does not serve, another function’s included', async () => {
    for (const path of ['/api/v1/nothing', '/api/v1/projects/{project}/flags']) {
      const result = await admin(httpEvent({ route: { method: 'GET', path }, params: { project: 'p' } }));
      expect(result.statusCode, path).toBe(404);
      expect(errorOf(result.body).code).toBe('not_found');
    }
  });

  // Found by exploratory testing: `DELETE …/flags/{flag}?env=staging` deleted the flag everywhere.
  it('refuses a query parameter on a management route that reads none, naming it', async () => {
    const result = await admin(
      httpEvent({ route: { method: 'GET', path: '/api/v1/me' }, query: { env: 'staging' } }),
    );
    expect(result.statusCode).toBe(400);
    expect(errorOf(result.body)).toMatchObject({ code: 'invalid_request', field: 'query.env' });
  });

  it('refuses a query parameter given twice on a management route, naming it', async () => {
    const event = httpEvent({ route: { method: 'GET', path: '/api/v1/tokens' } });
    const result = await admin({ ...event, rawQueryString: 'limit=5&cursor=a&limit=10' });
    expect(result.statusCode).toBe(400);
    expect(errorOf(result.body)).toMatchObject({ code: 'invalid_request', field: 'query.limit' });
    expect(errorOf(result.body).message).toMatch(/more than once/);
  });

  it('reads path parameters from the event and names a bad one', async () => {
    const result = await admin(
      httpEvent({ route: { method: 'GET', path: '/api/v1/projects/{project}' }, params: { project: 'a b' } }),
    );
    expect(result.statusCode).toBe(400);
    expect(errorOf(result.body).field).toBe('path.project');
  });
});

describe('rawResult', () => {
  it('sends an encoded body in base64 and a plain one as text', () => {
    const bytes = new Uint8Array([0x1b, 0xff, 0x00]);
    const encoded = rawResult(new RawResponse(200, { 'content-encoding': 'br' }, bytes));
    expect(encoded).toMatchObject({ isBase64Encoded: true, body: Buffer.from(bytes).toString('base64') });
    const plain = rawResult(new RawResponse(200, { 'content-type': 'application/json' }, Buffer.from('{}')));
    expect(plain).toMatchObject({ isBase64Encoded: false, body: '{}' });
    expect(rawResult(new RawResponse(304, { etag: '"1"' }))).toMatchObject({ statusCode: 304, body: '' });
  });
});
