/**
 * Delivery latency: N SDK clients (in a separate process) connected to the local runtime; a flag is
 * toggled over the HTTP API (PATCH with instructions) and, for every client, the time from the PATCH
 * response to the moment the client evaluates the new value is measured. Run with
 * `npm run bench:delivery -- --clients 1000` (or 10000). Not a test: it prints figures.
 *
 * Two paths side by side, alternating change by change (`--paths fast,stream`): `fast` is the
 * platform as it runs (the write path hands the change to the fan-out, and the stream delivers it
 * again); `stream` is the stream alone (the runtime refuses the hand-off's Invoke, as Lambda would on
 * a failure).
 *
 * Options: --clients N (1000), --changes N (5 per path, one flag toggle each), --warmup N (1
 * unmeasured change per path first), --paths, --in-process (the fan-out on the gateways' event
 * loop instead of its worker thread), --parts N (the fast path's FAST_PATH_PARTS instead of the
 * runtime's), --verbose (the runtime's log with each invocation's metrics, such as the stream's
 * `PostsSent` and `PostsSkipped`), --api-url/--ws-url/--admin-token
 * /--sdk-key to measure a runtime that is already running (`npm start`) instead of starting one
 * in memory. Needs about 2N file descriptors per process (`ulimit -n`).
 */
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FAST_PATH_PARTS } from '../lambdas/domain/committed-changes.js';
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
    paths: { type: 'string', default: 'fast,stream' },
    'in-process': { type: 'boolean', default: false },
    parts: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
type DeliveryPath = 'fast' | 'stream';
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
  // A runtime started elsewhere cannot be switched: its changes take whatever path it runs.
  const paths = (inProcess ? (args.paths as string).split(',') : ['fast']) as DeliveryPath[];
  let choose = (_path: DeliveryPath) => {};
  if (!apiUrl) {
    const runtime = await startRuntime({
      ports: { http: await freePort(), ws: await freePort() },
      inMemory: true,
      logLevel: args.verbose ? 'verbose' : 'quiet',
      ...(args['in-process'] ? { functionThreads: [] } : {}),
    });
    // Read per hand-off, after the runtime has set its own.
    if (args.parts) process.env.FAST_PATH_PARTS = args.parts;
    stop = runtime.stop;
    choose = (path) => runtime.controls.refuseInvoke('fanout', path === 'stream');
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
      .join(' ')}, ${
      inProcess
        ? `runtime in this process (in memory, fan-out ${args['in-process'] ? 'on the gateways’ event loop' : 'in its worker thread'}, ${process.env.FAST_PATH_PARTS ?? FAST_PATH_PARTS} fast-path part(s))`
        : `runtime at ${apiUrl}`
    }`,
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
  // Also from the request: a response that answers later makes the times after it look shorter.
  const measured = new Map<
    DeliveryPath,
    { all: number[]; firsts: number[]; patchMs: number[]; allSent: number[]; firstsSent: number[] }
  >(paths.map((path) => [path, { all: [], firsts: [], patchMs: [], allSent: [], firstsSent: [] }]));
  const order = [
    ...Array.from({ length: WARMUP }, () => paths.map((path) => ({ path, warmup: true }))),
    ...Array.from({ length: CHANGES }, () => paths.map((path) => ({ path, warmup: false }))),
  ].flat();
  for (const [index, { path, warmup }] of order.entries()) {
    // Long enough for the other path's duplicate posts of the previous change to be over.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    choose(path);
    on = !on;
    // Clients serve `true` when the flag is on (the demo's boolean release flag).
    const applied = next<{ times: number[]; cpuMicros: number }>('applied');
    const cpu = process.cpuUsage();
    child.send({ type: 'expect', flag: args.flag, value: on });
    const sent = now();
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
    const first = latencies[0] as number;
    const last = latencies.at(-1) as number;
    if (!warmup) {
      const into = measured.get(path);
      into?.all.push(...latencies);
      into?.firsts.push(first);
      into?.patchMs.push(patched - sent);
      into?.allSent.push(...latencies.map((latency) => latency + patched - sent));
      into?.firstsSent.push(first + patched - sent);
    }
    const postsPerSecond = last > first ? CLIENTS / ((last - first) / 1000) : Number.POSITIVE_INFINITY;
    console.log(
      `${warmup ? 'warm-up' : `change ${index + 1 - WARMUP * paths.length}`} (${path}): PATCH ${ms(patched - sent)}; p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(
        percentile(latencies, 99),
      )}, max ${ms(last)}; first ${ms(first)}; ${Math.round(postsPerSecond)} posts/s (first to last delivery); CPU per update: ${
        inProcess ? `runtime ${Math.round(runtimeCpu / CLIENTS)} µs, ` : ''
      }client ${Math.round(clientCpu / CLIENTS)} µs`,
    );
  }
  for (const [path, { all, firsts, patchMs, allSent, firstsSent }] of measured) {
    for (const values of [all, firsts, patchMs, allSent, firstsSent]) values.sort((a, b) => a - b);
    console.log(
      `${path}: ${CHANGES} changes × ${CLIENTS} clients: p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, p99 ${ms(
        percentile(all, 99),
      )}, max ${ms(all.at(-1) as number)}; first client ${ms(percentile(firsts, 50))} median (${ms(firsts[0] as number)}–${ms(
        firsts.at(-1) as number,
      )}); PATCH ${ms(percentile(patchMs, 50))} median; from the request: first client ${ms(
        percentile(firstsSent, 50),
      )} median, p99 ${ms(percentile(allSent, 99))}`,
    );
  }
  child.send({ type: 'close' });
  await new Promise((resolve) => child.once('exit', resolve));
  await stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
