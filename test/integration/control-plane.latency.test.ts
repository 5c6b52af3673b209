import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSdkHandler } from '../../lambdas/sdk.js';
import { type Call, controlPlane, P } from '../helpers/control-plane.js';
import { httpEvent } from '../helpers/http-events.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Measures GET /sdk/v1/flags against DynamoDB Local and logs the figures quoted in
 * docs/control-plane.md. It asserts nothing about time: machines differ.
 */
const FLAGS = 50;
let call: Call;
let sdkKey: string;

beforeAll(async () => {
  await createIsolatedTables();
  const plane = await controlPlane();
  call = plane.call;
  const admin = plane.adminToken;
  await call('POST', '/api/v1/projects', { token: admin, body: { key: 'perf', name: 'Perf' } });
  const env = await call('POST', `${P}/environments`, {
    token: admin,
    params: { project: 'perf' },
    body: { key: 'production', name: 'P' },
  });
  sdkKey = env.json.sdkKey;
  for (let i = 0; i < FLAGS; i++) {
    await call('POST', `${P}/flags`, {
      token: admin,
      params: { project: 'perf' },
      body: { key: `flag-${i}`, name: `Flag ${i}` },
    });
  }
});

const request = (headers: Record<string, string> = {}) =>
  httpEvent({
    route: { method: 'GET', path: '/sdk/v1/flags' },
    headers: { authorization: sdkKey, 'accept-encoding': 'gzip, br', ...headers },
  });

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(2);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms (n=${samples.length})`;
}

describe('GET /sdk/v1/flags latency (DynamoDB Local)', () => {
  it('logs cold, cache-miss and warm figures', async () => {
    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      const handler = createSdkHandler();
      cold.push(await timed(() => handler(request())));
    }
    const missing = createSdkHandler({ snapshotTtlMs: 0 });
    await missing(request());
    const miss: number[] = [];
    for (let i = 0; i < 100; i++) miss.push(await timed(() => missing(request())));
    const warmHandler = createSdkHandler({ snapshotTtlMs: 60_000 });
    const first = await warmHandler(request());
    const warm: number[] = [];
    for (let i = 0; i < 500; i++) warm.push(await timed(() => warmHandler(request())));
    const etag = first.headers?.etag as string;
    const notModified: number[] = [];
    for (let i = 0; i < 500; i++)
      notModified.push(await timed(() => warmHandler(request({ 'if-none-match': etag }))));
    console.log(
      [
        `GET /sdk/v1/flags, ${FLAGS} flags, gzip/br negotiated (br chosen), ${first.body?.length} base64 chars:`,
        `  cold (new handler: credential lookup + Query + serialise + compress): ${summary(cold)}`,
        `  cache miss (warm handler, TTL 0: Query each time):                   ${summary(miss)}`,
        `  warm (snapshot and compressed body from memory):                     ${summary(warm)}`,
        `  warm 304 (If-None-Match):                                            ${summary(notModified)}`,
      ].join('\n'),
    );
    expect(first.statusCode).toBe(200);
  });
});
