/**
 * GET /sdk/v1/flags against DynamoDB Local: a new handler (credential lookup + Query + serialise +
 * compress), a warm handler with its snapshot cache off (a Query every time), a warm handler serving
 * from memory, and a 304. Run with `npm run bench:snapshot`; the figures are in docs/control-plane.md.
 */
import { performance } from 'node:perf_hooks';
import { createTables, localDynamoClient, startDynamoDbLocal } from '@switchboard/local';
import { tables } from '@switchboard/topology';
import { createSdkHandler } from '../lambdas/sdk.js';
import { controlPlane, P } from '../test/helpers/control-plane.js';
import { httpEvent } from '../test/helpers/http-events.js';

const FLAGS = 50;

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

async function seed(): Promise<string> {
  const { call, adminToken } = await controlPlane();
  await call('POST', '/api/v1/projects', { token: adminToken, body: { key: 'perf', name: 'Perf' } });
  const env = await call('POST', `${P}/environments`, {
    token: adminToken,
    params: { project: 'perf' },
    body: { key: 'production', name: 'P' },
  });
  for (let i = 0; i < FLAGS; i++) {
    await call('POST', `${P}/flags`, {
      token: adminToken,
      params: { project: 'perf' },
      body: { key: `flag-${i}`, name: `Flag ${i}` },
    });
  }
  return env.json.sdkKey;
}

async function main(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  try {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    const client = localDynamoClient(dynamo.endpoint);
    await createTables(client, tables, (table) => {
      process.env[table.envVar] = `bench-${table.name}`;
      return `bench-${table.name}`;
    });
    client.destroy();
    const sdkKey = await seed();
    const request = (headers: Record<string, string> = {}) =>
      httpEvent({
        route: { method: 'GET', path: '/sdk/v1/flags' },
        headers: { authorization: sdkKey, 'accept-encoding': 'gzip, br', ...headers },
      });

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
    if (first.statusCode !== 200) throw new Error(`GET /sdk/v1/flags answered ${first.statusCode}`);
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
  } finally {
    await dynamo.stop();
  }
}

await main();
