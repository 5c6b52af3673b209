/**
 * The delivery simulator's tables: `npm run sim:delivery` (options: `--changes 40`, `--seed 1`,
 * `--quick` for 1,000 and 5,000 connections only). Prints Markdown for docs/delivery.md: p50/p99
 * time from commit to applied for the stream alone and for the fast path (with the stream's
 * duplicates), posts per second, and what limits the p99 connection, for the settings before the
 * fast path was tuned and as deployed (`aws-inputs.json`); then the sensitivity to the design's
 * alternatives and the unmeasured inputs, and where the account throttle takes over.
 */
import { parseArgs } from 'node:util';
import { loadInputs } from './inputs.js';
import type { Part, Path, SimInputs } from './model.js';
import { type Summary, summarise } from './run.js';

const { values: args } = parseArgs({
  options: {
    changes: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
  },
});
const CHANGES = Number(args.changes);
const SEED = Number(args.seed);
/**
 * As deployed: the stream's fan-out skips the slices the fast path marked as posting to in full, or
 * that the write path marked as handed over, waiting up to 1 s for it to finish
 * (`FanoutOptions.postedWaitMs`).
 */
const base: SimInputs = { ...loadInputs(), skipPosting: true, handoffMarked: true, postedWaitMs: 1000 };

const LABEL: Record<Part, string> = {
  trigger: 'start (stream or hand-off delay, cold starts, worker start)',
  queued: 'posts in flight per invocation',
  cpu: 'Lambda CPU (signing)',
  throttle: 'account `@connections` throttle',
  network: 'network to the SDK',
};
const PATH: Record<Path, string> = {
  stream: 'stream only',
  invoke: 'fast: Invoke(Event)',
  sqs: 'fast: SQS queue',
};

/** Fewer changes for big N: the pooled percentiles are over every connection of every change. */
const changesFor = (n: number) => Math.max(1, Math.min(CHANGES, Math.round((CHANGES * 10_000) / n)));
const ms = (value: number) =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');

function table(title: string, inputs: SimInputs, ns: readonly number[], paths: readonly Path[]): Summary[] {
  console.log(`\n### ${title}\n`);
  console.log(
    '| connections | path | changes | p50 | p99 | first | posts/s | duplicate posts per change | limit at p99 |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const out: Summary[] = [];
  for (const n of ns) {
    for (const path of paths) {
      const s = summarise(inputs, n, path, changesFor(n), SEED);
      out.push(s);
      console.log(
        `| ${count(n)} | ${PATH[path]} | ${s.changes} | ${ms(s.p50)} | **${ms(s.p99)}** | ${ms(s.first)} | ${count(s.postsPerSecond)} | ${count(s.duplicatesPerChange)} | ${LABEL[s.bottleneck]} |`,
      );
    }
  }
  return out;
}

/** The settings before the fast path was tuned: 1,024 MB, 64 posts in flight, one invocation with workers. */
const before: SimInputs = {
  ...base,
  fanoutMemoryMb: 1024,
  postsInFlight: 64,
  fastPathInvocations: undefined,
  fastPathReplicas: 1,
  fastPathMaxConnections: 5000,
  skipPosting: false,
  handoffMarked: false,
};
const all = args.quick ? [1_000, 5_000] : [1_000, 5_000, 10_000, 100_000, 1_000_000];
const started = performance.now();
table('Before: 1,024 MB, 64 posts in flight, one fast-path invocation with workers', before, all, [
  'stream',
  'invoke',
  'sqs',
]);
table(
  `Deployed: ${count(base.fanoutMemoryMb)} MB, ${base.postsInFlight} posts in flight, ${base.fastPathInvocations ?? 1} fast-path parts × ${base.fastPathReplicas ?? 1} claimed replicas, without workers`,
  base,
  all,
  ['stream', 'invoke', 'sqs'],
);
console.log('\n### Sensitivity (deployed settings)\n');
const single: SimInputs = { ...base, fastPathReplicas: 1 };
const rows: [string, SimInputs][] = [
  ['one invocation per part (no replicas)', single],
  [
    'one invocation per part, provisioned concurrency (9 environments)',
    { ...single, fanoutProvisioned: (base.fastPathInvocations ?? 1) + 1 },
  ],
  ['one invocation per part, no cold starts (warm-keeping at best)', { ...single, fanoutColdProbability: 0 }],
  ['one invocation per part, 16 parts', { ...single, fastPathInvocations: 16 }],
  ['replicas without claims (the second posts up to 2,000)', { ...base, unclaimedHedgeMaxConnections: 2000 }],
  ['3 replicas per part', { ...base, fastPathReplicas: 3 }],
  ['one fast-path invocation (× replicas) posting up to 10,000 itself', { ...base, fastPathInvocations: 1 }],
  ['4 fast-path parts', { ...base, fastPathInvocations: 4 }],
  ['16 fast-path parts (one per slice)', { ...base, fastPathInvocations: 16 }],
  ['fan-out cold starts 5 % instead of 2 %', { ...base, fanoutColdProbability: 0.05 }],
  [
    'Invoke(Event) as fast as SQS → Lambda',
    { ...base, delays: { ...base.delays, asyncInvoke: base.delays.sqsToLambda } },
  ],
  [
    'posts take twice as long (p50 50 ms)',
    { ...base, delays: { ...base.delays, postRoundTrip: { p10: 30, p50: 50, p90: 80, p99: 160 } } },
  ],
  ['the stream posts every change again (no posted marks)', { ...base, skipPosting: false }],
  ['posted marks without the write path’s hand-off mark', { ...base, handoffMarked: false }],
  [
    'stream skips only slices the fast path finished (delivered marker, no wait)',
    { ...base, skipPosting: false, skipDelivered: true },
  ],
  [
    'fast path for every environment size (no 10,000 limit)',
    { ...base, fastPathMaxConnections: Number.POSITIVE_INFINITY },
  ],
];
console.log('| variation | connections | path | p50 | p99 | duplicate posts per change | limit at p99 |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [label, inputs] of rows) {
  for (const n of args.quick ? [1_000, 5_000] : [1_000, 5_000, 10_000, 100_000]) {
    const s = summarise(inputs, n, 'invoke', changesFor(n), SEED);
    console.log(
      `| ${label} | ${count(n)} | ${PATH.invoke} | ${ms(s.p50)} | **${ms(s.p99)}** | ${count(s.duplicatesPerChange)} | ${LABEL[s.bottleneck]} |`,
    );
  }
}
if (!args.quick) {
  console.log('\n### Where the account throttle takes over (deployed settings, fast path)\n');
  console.log('| connections | p99 | posts/s | throttle wait of the p99 connection | limit at p99 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const n of [2_000, 5_000, 10_000, 12_500, 15_000, 20_000, 50_000]) {
    const s = summarise(base, n, 'invoke', changesFor(n), SEED);
    console.log(
      `| ${count(n)} | ${ms(s.p99)} | ${count(s.postsPerSecond)} | ${ms(s.atP99.throttle)} | ${LABEL[s.bottleneck]} |`,
    );
  }
}
console.log(
  `\nseed ${SEED}, up to ${CHANGES} changes per row; ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
