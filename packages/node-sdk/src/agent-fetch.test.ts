import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag } from '../testing/flags.js';
import { agentFetch } from './agent-fetch.js';

describe('agentFetch', () => {
  let service: FakeService;
  const agent = new Agent();
  const fetchVia = agentFetch(agent);
  const get = (headers: Record<string, string>, url = `${service.baseUrl}/sdk/v1/flags`) =>
    fetchVia(url, { method: 'GET', headers, signal: new AbortController().signal });

  beforeAll(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('beta', 1, true));
  });
  afterAll(async () => {
    agent.destroy();
    await service.stop();
  });

  it('reads status, headers and a gzipped JSON body', async () => {
    const response = await get({ authorization: service.sdkKey, 'accept-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe('"rev-1"');
    expect(await response.json()).toMatchObject({ flags: { beta: { version: 1 } } });
    const unchanged = await get({ authorization: service.sdkKey, 'if-none-match': '"rev-1"' });
    expect(unchanged.status).toBe(304);
    expect((await get({ authorization: 'wrong' })).status).toBe(401);
  });

  it('rejects when the request is aborted or cannot connect', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      fetchVia(`${service.baseUrl}/sdk/v1/flags`, { method: 'GET', headers: {}, signal: controller.signal }),
    ).rejects.toThrow();
    await expect(get({}, 'http://127.0.0.1:1/sdk/v1/flags')).rejects.toThrow();
  });
});
