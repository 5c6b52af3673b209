/**
 * Delivery latency: N SDK clients (in a separate process) connected to the local runtime; a flag is
 * toggled over the HTTP API (PATCH with instructions) and, for every client, the time from the PATCH
 * response to the moment the client evaluates the new value is measured. Run with
 * `npm run bench:delivery -- --clients 1000` (or 10000). Not a test: it prints figures.
 *
 * Options: --clients N (1000), --changes N (5, one flag toggle each), --warmup N (1 unmeasured change
 * first), --api-url/--ws-url/--admin-token
 * /--sdk-key to measure a runtime that is already running (`npm start`) instead of starting one
 * in memory. Needs about 2N file descriptors per process (`ulimit -n`).
 */
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, startRuntime } from '../packages/local/src/index.js';
import { forkClients } from './client-process.js';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    changes: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    'api-url': { type: 'string' },
    'ws-url': { type: 'string' },
    'admin-token': { type: 'string' },
    'sdk-key': { type: 'string' },
    project: { type: 'string', default: 'demo' },
    env: { type: 'string', default: 'production' },
    flag: { type: 'string', default: 'new-checkout' },
  },
});
const CLIENTS = Number(args.clients);
const CHANGES = Number(args.changes);
/** Unmeasured changes first: the first invocation builds the fan-out's clients and warms the JIT. */
const WARMUP = Number(args.warmup);
const here = dirname(fileURLToPath(import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const gc = (globalThis as { gc?: () => void }).gc;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function heapAndRss(): { rss: number; heap: number } {
  gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed };
}

async function main(): Promise<void> {
  let stop = async () => {};
  let apiUrl = args['api-url'];
  let wsUrl = args['ws-url'];
  let adminToken = args['admin-token'];
  let sdkKey = args['sdk-key'];
  const inProcess = !apiUrl;
  if (!apiUrl) {
    const runtime = await startRuntime({
      ports: { http: await freePort(), ws: await freePort() },
      inMemory: true,
      logLevel: 'quiet',
    });
    stop = runtime.stop;
    apiUrl = runtime.apiUrl;
    wsUrl = runtime.wsUrl;
    adminToken = runtime.local?.adminToken;
    sdkKey = runtime.local?.projects
      .find((p) => p.key === args.project)
      ?.environments.find((e) => e.key === args.env)?.sdkKey;
  }
  if (!apiUrl || !wsUrl || !adminToken || !sdkKey) {
    throw new Error('Give --api-url, --ws-url, --admin-token and --sdk-key, or none of them');
  }
  console.log(
    `delivery benchmark: ${CLIENTS} clients, ${CHANGES} changes, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${inProcess ? 'runtime in this process (in memory)' : `runtime at ${apiUrl}`}`,
  );

  const before = heapAndRss();
  // BENCH_CLIENT_NODE_ARGS adds Node flags to the client process, e.g. `--cpu-prof`.
  const { child, next } = forkClients(
    join(here, 'delivery-clients.ts'),
    { BENCH_API_URL: apiUrl, BENCH_WS_URL: wsUrl, BENCH_SDK_KEY: sdkKey, BENCH_CLIENTS: String(CLIENTS) },
    process.env.BENCH_CLIENT_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  );

  const connectStarted = now();
  await next('ready');
  const connectSeconds = (now() - connectStarted) / 1000;
  const after = heapAndRss();
  console.log(
    `connected ${CLIENTS} clients in ${connectSeconds.toFixed(1)} s (${Math.round(CLIENTS / connectSeconds)}/s)`,
  );
  if (inProcess) {
    console.log(
      `gateway process memory per connection: ${((after.rss - before.rss) / CLIENTS / 1024).toFixed(1)} KB RSS, ${(
        (after.heap - before.heap) / CLIENTS / 1024
      ).toFixed(1)} KB heap (gateway, handlers and fan-out share this process)`,
    );
  }

  const flagUrl = `${apiUrl}/api/v1/projects/${args.project}/flags/${args.flag}?env=${args.env}`;
  const current = (await (
    await fetch(flagUrl, { headers: { authorization: `Bearer ${adminToken}` } })
  ).json()) as { environments: Record<string, { on: boolean }> };
  let on = current.environments[args.env as string]?.on ?? false;
  const all: number[] = [];
  const rows: string[] = [];
  for (let change = -WARMUP; change < CHANGES; change++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    on = !on;
    // Clients serve `true` when the flag is on (the demo's boolean release flag).
    const applied = next<{ times: number[]; cpuMicros: number }>('applied');
    const cpu = process.cpuUsage();
    child.send({ type: 'expect', flag: args.flag, value: on });
    const response = await fetch(flagUrl, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        comment: 'benchmark',
        instructions: [{ kind: on ? 'turnFlagOn' : 'turnFlagOff' }],
      }),
    });
    const patched = now();
    if (response.status !== 200)
      throw new Error(`PATCH answered ${response.status}: ${await response.text()}`);
    const { times, cpuMicros: clientCpu } = await applied;
    const used = process.cpuUsage(cpu);
    const runtimeCpu = used.user + used.system;
    const latencies = times.map((t) => t - patched).sort((a, b) => a - b);
    if (change >= 0) all.push(...latencies);
    const first = latencies[0] as number;
    const last = latencies.at(-1) as number;
    const postsPerSecond = last > first ? CLIENTS / ((last - first) / 1000) : Number.POSITIVE_INFINITY;
    rows.push(
      `${change < 0 ? 'warm-up' : `change ${change + 1}`}: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(
        percentile(latencies, 99),
      )}, max ${ms(last)}; first ${ms(first)}; ${Math.round(postsPerSecond)} posts/s (first to last delivery); CPU per update: ${
        inProcess ? `runtime ${Math.round(runtimeCpu / CLIENTS)} µs, ` : ''
      }client ${Math.round(clientCpu / CLIENTS)} µs`,
    );
    console.log(rows.at(-1));
  }
  all.sort((a, b) => a - b);
  console.log(
    `all ${CHANGES} changes × ${CLIENTS} clients: p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, p99 ${ms(
      percentile(all, 99),
    )}, max ${ms(all.at(-1) as number)}`,
  );
  child.send({ type: 'close' });
  await new Promise((resolve) => child.once('exit', resolve));
  await stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
