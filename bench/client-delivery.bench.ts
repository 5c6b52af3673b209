/**
 * Browser delivery: N browser connections (raw WebSocket clients in a separate process), each
 * identified with a different context; targeted changes to a client-side flag over the HTTP API.
 * For each change: how many `values` posts went out against how many contexts the change altered,
 * the time from the PATCH response to each altered context's push (p50/p99), and bytes per push.
 * It also times the fan-out's per-context re-evaluation alone (evaluations per second). Run with
 * `npm run bench:client-delivery -- --clients 1000` (or 10000). Not a test: it prints figures.
 *
 * Options: --clients N (1000), --share P (10, percent of contexts the main change targets).
 * Needs about 2N file descriptors per process (`ulimit -n`).
 */
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ClientDelta } from '../lambdas/domain/client-delivery.js';
import { freePort, startRuntime } from '../packages/local/src/index.js';
import { forkClients } from './client-process.js';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    share: { type: 'string', default: '10' },
  },
});
const CLIENTS = Number(args.clients);
const SHARE = Number(args.share) / 100;
const FLAG = 'bench-banner';
const here = dirname(fileURLToPath(import.meta.url));
const now = () => performance.timeOrigin + performance.now();

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `user-${from + i}`);

async function main(): Promise<void> {
  const runtime = await startRuntime({
    ports: { http: await freePort(), ws: await freePort() },
    inMemory: true,
    logLevel: 'quiet',
  });
  const adminToken = runtime.local?.adminToken as string;
  const clientSideId = runtime.local?.projects
    .find((p) => p.key === 'demo')
    ?.environments.find((e) => e.key === 'production')?.clientSideId as string;
  const api = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${runtime.apiUrl}/api/v1/projects/demo${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  await api('POST', '/flags', {
    key: FLAG,
    name: 'Bench banner',
    clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
  });
  // On, serving `false` (variation 1) to everyone until targeted.
  const flagPath = `/flags/${FLAG}?env=production`;
  await api('PATCH', flagPath, {
    instructions: [{ kind: 'turnFlagOn' }, { kind: 'updateFallthrough', variation: 1 }],
  });

  console.log(
    `client delivery benchmark: ${CLIENTS} browser connections, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, runtime in this process (in memory)`,
  );
  const { child, next } = forkClients(join(here, 'client-delivery-clients.ts'), {
    BENCH_WS_URL: runtime.wsUrl,
    BENCH_CLIENT_SIDE_ID: clientSideId,
    BENCH_CLIENTS: String(CLIENTS),
  });
  const started = now();
  await next('ready');
  const seconds = (now() - started) / 1000;
  console.log(
    `connected and identified ${CLIENTS} contexts in ${seconds.toFixed(1)} s (${Math.round(CLIENTS / seconds)}/s)`,
  );

  /** Targets `targeted` contexts with variation 0 and measures what reaches the browsers. */
  async function change(label: string, targeted: string[]) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const applied = next<{ times: number[]; pushes: number; bytes: number }>('applied');
    child.send({ type: 'expect', flag: FLAG, keys: targeted });
    const cpu = process.cpuUsage();
    await api('PATCH', flagPath, {
      comment: 'benchmark',
      instructions: [
        { kind: 'addTargets', variation: 0, values: targeted.length > 0 ? targeted : ['nobody'] },
      ],
    });
    const patched = now();
    const { times, pushes, bytes } = await applied;
    const used = process.cpuUsage(cpu);
    const latencies = times.map((t) => t - patched).sort((a, b) => a - b);
    const timing =
      latencies.length === 0
        ? ''
        : `; PATCH → push p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) as number)}`;
    console.log(
      `${label}: ${targeted.length} contexts altered, ${pushes} posts to ${CLIENTS} connections (${((pushes / CLIENTS) * 100).toFixed(2)} %)${timing}; ${
        pushes > 0 ? Math.round(bytes / pushes) : 0
      } bytes per push; runtime CPU ${Math.round((used.user + used.system) / 1000)} ms`,
    );
  }

  await change('warm-up (alters nobody)', []);
  const tenth = Math.round(CLIENTS * SHARE);
  await change(`targeted change (${(SHARE * 100).toFixed(0)} %)`, keys(0, tenth));
  const hundredth = Math.max(1, Math.round(CLIENTS / 100));
  await change('targeted change (1 %)', keys(tenth, tenth + hundredth));

  // The fan-out's per-context re-evaluation alone: the delta of the 1 % change over every context.
  await evaluationRate();

  child.send({ type: 'close' });
  await new Promise((resolve) => child.once('exit', resolve));
  await runtime.stop();
}

/** Times `ClientDelta.valuesFor` over as many contexts as connections, on a flag like the benchmark's. */
async function evaluationRate(): Promise<void> {
  const targets = (values: string[], version: number) => ({
    key: FLAG,
    version,
    on: true,
    variations: [true, false],
    offVariation: 1,
    fallthrough: { variation: 1 },
    targets: [{ variation: 0, values }],
    contextTargets: [],
    rules: [],
    prerequisites: [],
    salt: FLAG,
    clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
  });
  const before = targets(keys(0, Math.round(CLIENTS * SHARE)), 1);
  const after = targets(keys(0, Math.round(CLIENTS * SHARE) + Math.round(CLIENTS / 100)), 2);
  const delta = ClientDelta.of(
    { flags: new Map([[FLAG, after]]), segments: new Map() },
    [{ kind: 'flag', key: FLAG, version: 2, data: after, previous: before }],
    Date.now(),
  );
  const contexts = Array.from({ length: CLIENTS }, (_, i) =>
    JSON.stringify({ kind: 'user', key: `user-${i}` }),
  );
  let best = Number.POSITIVE_INFINITY;
  const ROUNDS = 5;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const context of contexts) delta.valuesFor(JSON.parse(context));
    best = Math.min(best, performance.now() - start);
  }
  const evaluations = delta.evaluations / ROUNDS;
  console.log(
    `fan-out re-evaluation alone (parse the stored context, evaluate before and after, compare): ${Math.round(
      evaluations / (best / 1000),
    ).toLocaleString(
      'en',
    )} evaluations/s, ${((best * 1000) / CLIENTS).toFixed(1)} µs per connection (best of 5 over ${CLIENTS} contexts)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
