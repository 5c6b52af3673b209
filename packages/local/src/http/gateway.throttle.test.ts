import type { AddressInfo } from 'node:net';
import { throttleLimits } from '@switchboard/topology';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log.js';
import { platformTopology } from '../topology.js';
import { createHttpGateway } from './gateway.js';

describe('the local HTTP gateway’s throttling', () => {
  const servers: ReturnType<typeof createHttpGateway>[] = [];
  // The buckets refill by performance.now(): frozen, no token comes back however slow the machine.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  /** A gateway on the platform's routes whose every function answers 200; returns a GET/POST helper. */
  const start = async (throttle: boolean) => {
    const ok = async () => ({ statusCode: 200, body: '{}' });
    const server = createHttpGateway({
      topology: platformTopology,
      functions: new Map(platformTopology.functions.map((fn) => [fn.name, ok])),
      logger: createLogger('quiet'),
      healthy: () => true,
      serving: () => true,
      management: async () => undefined,
      throttle,
    });
    servers.push(server);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    return (method: string, path: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
  };
  const statuses = async (requests: Promise<Response>[]) =>
    Promise.all(requests.map(async (response) => (await response).status));

  it('answers API Gateway’s 429 once a route’s burst is spent, and only on that route', async () => {
    const call = await start(true);
    const burst = throttleLimits.management.burstLimit;
    const first = await statuses(Array.from({ length: burst }, () => call('GET', '/api/v1/openapi.json')));
    expect(first.every((status) => status === 200)).toBe(true);
    const refused = await call('GET', '/api/v1/openapi.json');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ message: 'Too Many Requests' });
    expect((await call('GET', '/sdk/v1/flags')).status).toBe(200);
    vi.advanceTimersByTime(1000 / throttleLimits.management.rateLimit);
    expect((await call('GET', '/api/v1/openapi.json')).status).toBe(200);
  });

  it('throttles nothing by default', async () => {
    const call = await start(false);
    const burst = throttleLimits.management.burstLimit;
    const all = await statuses(Array.from({ length: burst * 2 }, () => call('GET', '/api/v1/openapi.json')));
    expect(all.every((status) => status === 200)).toBe(true);
  });
});
