import type { Runtime } from '@switchboard/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from './platform.js';

const dashboard = 'https://dashboard.example.com';
const foreign = 'https://customer-site.example';

/**
 * CORS per route on the local runtime with the platform's real handlers: the gateway routes preflights
 * to the function that serves the path, as the stack's `OPTIONS` routes do on AWS.
 */
describe('CORS per route, end to end', () => {
  let runtime: Runtime;
  let adminToken: string;
  let clientSideId: string;

  const preflight = (path: string, origin: string, method: string, headers: string) =>
    fetch(`${runtime.apiUrl}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });
  const allowedOrigin = (response: Response) => response.headers.get('access-control-allow-origin');

  beforeAll(async () => {
    runtime = await startPlatform({ dashboardOrigins: [dashboard] });
    adminToken = runtime.local?.adminToken as string;
    clientSideId = runtime.local?.projects[0]?.environments[0]?.clientSideId as string;
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  describe('management route GET /api/v1/projects', () => {
    const list = (origin: string) =>
      fetch(`${runtime.apiUrl}/api/v1/projects`, {
        headers: { origin, authorization: `Bearer ${adminToken}` },
      });

    it('allows the dashboard: preflight and request', async () => {
      const answer = await preflight('/api/v1/projects', dashboard, 'GET', 'authorization');
      expect(answer.status).toBe(204);
      expect(allowedOrigin(answer)).toBe(dashboard);
      expect(answer.headers.get('access-control-allow-headers')).toContain('authorization');

      const response = await list(dashboard);
      expect(response.status).toBe(200);
      expect(allowedOrigin(response)).toBe(dashboard);
    });

    it('allows no other origin: preflight and request', async () => {
      const answer = await preflight('/api/v1/projects', foreign, 'GET', 'authorization');
      expect(answer.status).toBe(204);
      expect(allowedOrigin(answer)).toBeNull();

      const response = await list(foreign);
      expect(allowedOrigin(response)).toBeNull();
    });
  });

  describe('client-side route POST /sdk/v1/evaluate/{clientSideId}', () => {
    const evaluate = (origin: string) =>
      fetch(`${runtime.apiUrl}/sdk/v1/evaluate/${clientSideId}`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'user', key: 'u1' }),
      });

    it.each([dashboard, foreign])('allows %s: preflight and request', async (origin) => {
      const answer = await preflight(`/sdk/v1/evaluate/${clientSideId}`, origin, 'POST', 'content-type');
      expect(answer.status).toBe(204);
      expect(allowedOrigin(answer)).toBe(origin);
      expect(answer.headers.get('access-control-allow-methods')).toBe('POST');

      const response = await evaluate(origin);
      expect(response.status).toBe(200);
      expect(allowedOrigin(response)).toBe(origin);
    });
  });

  it('routes no preflight to server SDK routes', async () => {
    const answer = await preflight('/sdk/v1/flags', dashboard, 'GET', 'authorization');
    expect(answer.status).toBe(404);
    expect(allowedOrigin(answer)).toBeNull();
  });
});
