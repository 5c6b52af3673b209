/**
 * The CPU cost of one fan-out post, side by side in one process against a loopback HTTP server that
 * answers 200: the SDK's `PostToConnectionCommand`, the fan-out's `ApiGatewayBroadcaster` (the same
 * client's signer, transport and retry strategy without the command middleware), and a plain
 * keep-alive `http.request` of the same bytes (no signature: the floor). The three alternate over
 * several rounds; CPU time per post includes the server's share, which is the same for all three.
 * Run with `npm run bench:post`; the figures are in docs/delivery.md.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ApiGatewayBroadcaster } from '../lambdas/adapters/apigateway/broadcaster.js';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '64' },
  },
});
const POSTS = Number(args.posts);
const ROUNDS = Number(args.rounds);
const CONCURRENCY = Number(args.concurrency);

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** CPU microseconds per post (user + system, this process) and posts per wall-clock second. */
async function measure(post: (i: number) => Promise<unknown>): Promise<{ cpuUs: number; perSecond: number }> {
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < POSTS) await post(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    cpuUs: (used.user + used.system) / POSTS,
    perSecond: POSTS / ((performance.now() - start) / 1000),
  };
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const client = new ApiGatewayManagementApiClient({
    endpoint: `http://127.0.0.1:${port}/production`,
    region: 'eu-west-1',
    // As the fan-out's client (`managementClient`) is configured.
    retryMode: 'adaptive',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' },
    requestHandler: new NodeHttpHandler({ httpAgent: agent }),
  });
  const broadcaster = new ApiGatewayBroadcaster(client);
  const frame = JSON.stringify({
    type: 'patch',
    kind: 'flag',
    key: 'new-checkout',
    version: 7,
    object: { key: 'new-checkout', on: true, variations: [true, false], fallthrough: { variation: 0 } },
  });
  const data = new TextEncoder().encode(frame);
  const peers: Record<string, (i: number) => Promise<unknown>> = {
    'SDK PostToConnectionCommand': (i) =>
      client.send(new PostToConnectionCommand({ ConnectionId: `conn-${i}=`, Data: data })),
    ApiGatewayBroadcaster: (i) => broadcaster.post(`conn-${i}=`, frame),
    'plain http.request (unsigned)': (i) =>
      new Promise<void>((resolve, reject) => {
        request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/production/@connections/conn-${i}%3D`,
          agent,
        })
          .on('response', (response) => response.resume().on('end', resolve))
          .on('error', reject)
          .end(data);
      }),
  };
  for (const post of Object.values(peers)) await measure(post);

  const samples = new Map<string, { cpuUs: number; perSecond: number }[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, post] of Object.entries(peers)) {
      samples.set(name, [...(samples.get(name) ?? []), await measure(post)]);
    }
  }
  console.log(`${POSTS} posts × ${ROUNDS} rounds, ${CONCURRENCY} in flight; medians (range)`);
  const sdkCpu = median((samples.get('SDK PostToConnectionCommand') ?? []).map((s) => s.cpuUs));
  for (const [name, runs] of samples) {
    const cpu = runs.map((s) => s.cpuUs);
    const rate = runs.map((s) => s.perSecond);
    console.log(
      `${name.padEnd(32)} ${median(cpu).toFixed(0)} µs CPU/post (${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}), ` +
        `${median(rate).toFixed(0)} posts/s, ${(sdkCpu / median(cpu)).toFixed(1)}× less CPU than the SDK command`,
    );
  }
  server.close();
  agent.destroy();
}

await main();
