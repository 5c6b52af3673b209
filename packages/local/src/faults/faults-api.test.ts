import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createFaultsApi } from './faults-api.js';
import { RuntimeFaults } from './runtime-faults.js';

const call = (api: ReturnType<typeof createFaultsApi>, method: string, body?: unknown, url = '/@faults') =>
  api({ method, url } as IncomingMessage, Buffer.from(body === undefined ? '' : JSON.stringify(body)));

const json = (answer: Awaited<ReturnType<typeof call>>) => JSON.parse(answer?.body.toString() ?? 'null');

describe('the /@faults API', () => {
  it('sets a connections fault, reports the counters, and lifts every fault on DELETE', async () => {
    const faults = new RuntimeFaults(false);
    const api = createFaultsApi(faults);
    const set = await call(api, 'POST', { connections: { status: 503, requests: 1 } });
    expect(set?.statusCode).toBe(200);
    const connection = { url: '/@connections/a' } as IncomingMessage;
    expect((await faults.connectionsApi(connection))?.statusCode).toBe(503);
    expect(json(await call(api, 'GET'))).toEqual({ connectionErrors: 1, crashes: 0 });
    await call(api, 'POST', { connections: { status: 429, durationMs: 60_000 } });
    await call(api, 'DELETE');
    expect(await faults.connectionsApi(connection)).toBeUndefined();
  });

  it('answers 400 naming the field for a fault it does not know, and changes nothing', async () => {
    const faults = new RuntimeFaults(false);
    const api = createFaultsApi(faults);
    const answer = await call(api, 'POST', { connections: { status: 418, requests: 1 } });
    expect(answer?.statusCode).toBe(400);
    expect(json(answer).message).toContain('connections.status');
    expect(await faults.connectionsApi({ url: '/@connections/a' } as IncomingMessage)).toBeUndefined();
  });

  it('refuses to stop an engine of a runtime that keeps nothing on disk', async () => {
    const answer = await call(createFaultsApi(new RuntimeFaults(false)), 'POST', {
      engine: { name: 'dynamodb', action: 'kill' },
    });
    expect(answer?.statusCode).toBe(400);
    expect(json(answer).message).toContain('inMemory: false');
  });

  it('leaves other paths alone', async () => {
    expect(
      await call(createFaultsApi(new RuntimeFaults(false)), 'GET', undefined, '/health'),
    ).toBeUndefined();
  });
});
