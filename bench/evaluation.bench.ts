/**
 * Switchboard's evaluator against LaunchDarkly's Node SDK (offline, TestData), side by side in one
 * process, on the same flags and the same pre-generated contexts. Run with `npm run bench:eval`.
 *
 * Cases: (a) a trivial boolean flag; (b) a realistic complex flag over 50,000 random contexts (40%
 * multi-kind); (c) all of 100 complex flags for one context (`evaluateAll` / `allFlagsState`);
 * (d) a corpus of random complex flags drawn with the differential test's generators, each flag
 * timed on its own, reported as the median and worst ratio over the corpus and the worst shapes.
 * The machine this runs on is usually small and shared, so the two evaluators are run alternately,
 * in several rounds: (a)–(c) report the median round, (d) each side's best round per flag.
 * `BENCH_CORE=<path to a core's src/index.ts>` measures another build of the core;
 * `BENCH_PATTERNS=linear` runs `matches` on the functions' engine (V8's) instead of the SDK's re2js.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { init, integrations, type LDClient } from '@launchdarkly/node-server-sdk';
import { build } from 'esbuild';
import { linearPatterns } from '../lambdas/adapters/linear-patterns.js';
import type * as Core from '../packages/core/src/index.js';
import type { Evaluator } from '../packages/core/src/index.js';
import { byKey } from '../packages/core/testing/factories.js';
import { re2Patterns } from '../packages/node-sdk/src/re2-patterns.js';
import { corpus } from './evaluation-corpus.js';
import {
  betaSegment,
  COMPLEX_KEY,
  complexFlag,
  contexts as generateContexts,
  prerequisiteFlag,
  TRIVIAL_KEY,
  trivialFlag,
} from './evaluation-data.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONTEXTS = 50_000;
const FLAGS_FOR_ALL = 100;
/** Passes over the contexts per round: Switchboard is fast enough that one pass is too short to time well. */
const SB_TRIVIAL_PASSES = 10;
const SB_COMPLEX_PASSES = 3;
const SB_ALL_CALLS = 4_000;
const LD_ALL_CALLS = 300;
const CORPUS_FLAGS = Number(process.env.BENCH_CORPUS_FLAGS ?? 300);
const options: Core.EvaluatorOptions = {
  patterns: process.env.BENCH_PATTERNS === 'linear' ? linearPatterns : re2Patterns,
};
const CORPUS_CONTEXTS = 400;
const CORPUS_ROUNDS = 4;
const SB_CORPUS_PASSES = 10;

/**
 * The core as it ships (an esbuild bundle, as the Lambda functions and SDKs get it). Under `tsx`
 * each module is transformed on its own and imported bindings are reached through getters, which
 * costs Switchboard ~15–20% here and says nothing about production; LaunchDarkly's SDK is already
 * built JavaScript.
 */
async function bundledCore(): Promise<typeof Core> {
  // BENCH_CORE names another core's entry (e.g. an older commit's, from `git worktree add`) to
  // compare builds with the same bench.
  const entry =
    process.env.BENCH_CORE ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/core/src/index.ts');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // The repository's packages, also for a core outside it.
    nodePaths: [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules')],
    write: false,
  });
  const directory = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
  const file = path.join(directory, 'core.mjs');
  writeFileSync(file, result.outputFiles[0]?.text ?? '');
  try {
    return (await import(pathToFileURL(file).href)) as typeof Core;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

type Json = Record<string, unknown>;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function launchDarkly(flags: Json[], segments: Json[]): Promise<LDClient> {
  const td = new integrations.TestData();
  for (const segment of segments) await td.usePreconfiguredSegment(segment);
  for (const flag of flags) await td.usePreconfiguredFlag(flag);
  const client = init('bench', {
    updateProcessor: td.getFactory(),
    sendEvents: false,
    diagnosticOptOut: true,
    logger: silent,
  });
  await client.waitForInitialization({ timeout: 5 });
  return client;
}

/** A reason as sorted JSON, without `null`s or `inExperiment: false`. */
function canonical(reason: object): string {
  const entries = Object.entries(reason).filter(
    ([k, v]) => v !== null && !(k === 'inExperiment' && v === false),
  );
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Keeps results alive so the optimiser cannot drop the work. */
let sink = 0;

/**
 * CPU seconds (user + system) taken by `run`. On a small shared machine wall-clock time mostly
 * measures the neighbours; this process's CPU time is far steadier. Both sides run single-threaded
 * JavaScript (plus V8's GC helper threads, counted for both), so rates per CPU-second compare fairly.
 */
async function time(run: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Case {
  readonly name: string;
  /** Operations per timed run, and the run itself, for each evaluator. */
  readonly switchboard: { readonly ops: number; readonly run: () => unknown };
  readonly launchDarkly: { readonly ops: number; readonly run: () => Promise<unknown> };
}

function evaluateEach(evaluator: Evaluator, key: string, contexts: readonly Json[], passes: number) {
  return () => {
    let n = 0;
    for (let pass = 0; pass < passes; pass += 1) {
      for (let i = 0; i < contexts.length; i += 1) {
        n += evaluator.evaluate(key, contexts[i], null).variationIndex ?? 0;
      }
    }
    sink += n;
  };
}

function variationDetailEach(client: LDClient, key: string, contexts: readonly Json[]) {
  return async () => {
    let n = 0;
    for (let i = 0; i < contexts.length; i += 1) {
      n += (await client.variationDetail(key, contexts[i] as never, null)).variationIndex ?? 0;
    }
    sink += n;
  };
}

function fmtRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  return `${(perSecond / 1e3).toFixed(0)} k/s`;
}

interface CorpusResult {
  /** Per flag: Switchboard's best round's rate / LaunchDarkly's best round's rate. */
  readonly ratios: { readonly key: string; readonly shape: readonly string[]; readonly ratio: number }[];
  readonly sbRate: number;
  readonly ldRate: number;
  readonly agree: number;
  readonly compared: number;
}

/** Same value, variation index and reason. */
function sameDetail(
  mine: { value: unknown; variationIndex: number | null; reason: object },
  theirs: { value: unknown; variationIndex?: number | null; reason?: object | null },
): boolean {
  return (
    JSON.stringify(mine.value) === JSON.stringify(theirs.value) &&
    mine.variationIndex === (theirs.variationIndex ?? null) &&
    canonical(mine.reason) === canonical(theirs.reason ?? {})
  );
}

/**
 * (d): every corpus flag timed on its own over the same contexts, both evaluators back to back,
 * in alternating order, for several rounds. One flag's run lasts a millisecond or two, short enough
 * that a neighbour's burst or a garbage collection of the other side's garbage (GC threads are
 * charged to this process) can double it; such noise only ever adds time, so each side's fastest
 * round is the estimate of its cost, and the flag's ratio is the ratio of those.
 */
async function measureCorpus(createEvaluator: typeof Core.createEvaluator): Promise<CorpusResult> {
  const { flags, segments, subjects, contexts } = corpus(CORPUS_FLAGS, CORPUS_CONTEXTS);
  const sb = createEvaluator({ flags: byKey(flags), segments: byKey(segments) }, options);
  const ld = await launchDarkly(flags, segments);
  let agree = 0;
  for (const { key } of subjects) {
    for (const context of contexts) {
      const theirs = await ld.variationDetail(key, context as never, 'default');
      if (sameDetail(sb.evaluate(key, context, 'default'), theirs)) agree += 1;
    }
  }
  const runs = subjects.map(({ key }) => ({
    sb: evaluateEach(sb, key, contexts, SB_CORPUS_PASSES),
    ld: variationDetailEach(ld, key, contexts),
  }));
  for (const run of runs) {
    run.sb();
    await run.ld();
  }
  const sbOps = contexts.length * SB_CORPUS_PASSES;
  const ldOps = contexts.length;
  const samples = runs.map(() => ({ sb: [] as number[], ld: [] as number[] }));
  for (let round = 0; round < CORPUS_ROUNDS; round += 1) {
    for (const [i, run] of runs.entries()) {
      const s = samples[i] as { sb: number[]; ld: number[] };
      if (round % 2 === 0) {
        s.sb.push(await time(run.sb));
        s.ld.push(await time(run.ld));
      } else {
        s.ld.push(await time(run.ld));
        s.sb.push(await time(run.sb));
      }
    }
  }
  ld.close();
  const ratios = subjects.map(({ key, shape }, i) => {
    const s = samples[i] as { sb: number[]; ld: number[] };
    return { key, shape, ratio: sbOps / Math.min(...s.sb) / (ldOps / Math.min(...s.ld)) };
  });
  const total = (pick: 'sb' | 'ld') =>
    samples.reduce((sum, s) => sum + s[pick].reduce((a, b) => a + b, 0), 0);
  const evaluations = subjects.length * CORPUS_ROUNDS;
  return {
    ratios,
    sbRate: (evaluations * sbOps) / total('sb'),
    ldRate: (evaluations * ldOps) / total('ld'),
    agree,
    compared: subjects.length * contexts.length,
  };
}

function printCorpus(result: CorpusResult): { median: number; worst: number } {
  const ratios = result.ratios.map((r) => r.ratio);
  const sorted = [...result.ratios].sort((a, b) => a.ratio - b.ratio);
  const worst = (sorted[0] as { ratio: number }).ratio;
  const medianRatio = median(ratios);
  const percentile = (p: number) => (sorted[Math.floor((sorted.length - 1) * p)] as { ratio: number }).ratio;
  console.log('');
  console.log(
    `(d) corpus of ${ratios.length} random complex flags (differential generators, ${CORPUS_CONTEXTS} contexts each, ` +
      `best of ${CORPUS_ROUNDS} rounds per flag and side): ratio median ${medianRatio.toFixed(1)}×, ` +
      `worst ${worst.toFixed(1)}×, 10th percentile ${percentile(0.1).toFixed(1)}×, best ${percentile(1).toFixed(1)}×; ` +
      `overall Switchboard ${fmtRate(result.sbRate)}, LaunchDarkly ${fmtRate(result.ldRate)}`,
  );
  console.log(
    `agreement on the corpus: ${result.agree.toLocaleString('en')} / ${result.compared.toLocaleString('en')} evaluations`,
  );
  console.log('worst flags:');
  for (const { key, shape, ratio } of sorted.slice(0, 5)) {
    console.log(`  ${ratio.toFixed(1)}×  ${key}  ${shape.join(', ') || '(plain clauses)'}`);
  }
  // Which shapes drag the ratio down: the median over the flags that have each one.
  const byShape = new Map<string, number[]>();
  for (const { shape, ratio } of result.ratios) {
    for (const label of shape) byShape.set(label, [...(byShape.get(label) ?? []), ratio]);
  }
  const shapes = [...byShape]
    .map(([label, values]) => ({
      label,
      count: values.length,
      median: median(values),
      worst: Math.min(...values),
    }))
    .sort((a, b) => a.median - b.median);
  console.log(
    `by shape (median / worst, flags): ${shapes
      .map((s) => `${s.label} ${s.median.toFixed(1)}× / ${s.worst.toFixed(1)}× (${s.count})`)
      .join('; ')}`,
  );
  return { median: medianRatio, worst };
}

async function main(): Promise<void> {
  const started = Date.now();
  const { createEvaluator } = await bundledCore();
  const contexts = generateContexts(CONTEXTS, 0.4);
  const multi = contexts.filter((c) => c.kind === 'multi').length;

  // (a) and (b): one store holding the trivial flag, the complex flag, its prerequisite and segment.
  const flags = [trivialFlag, prerequisiteFlag, complexFlag(COMPLEX_KEY, 0)];
  const segments = [betaSegment];
  const sb = createEvaluator({ flags: byKey(flags), segments: byKey(segments) }, options);
  const ld = await launchDarkly(flags, segments);

  // (c): 100 complex flags (distinct keys, salts, seeds and targets) and their shared prerequisite.
  const manyFlags = [
    prerequisiteFlag,
    ...Array.from({ length: FLAGS_FOR_ALL }, (_, i) => complexFlag(`flag-${String(i).padStart(3, '0')}`, i)),
  ];
  const sbMany = createEvaluator({ flags: byKey(manyFlags), segments: byKey(segments) }, options);
  const ldMany = await launchDarkly(manyFlags, segments);

  // Agreement on the complex flag, over every context (untimed).
  let agree = 0;
  const reasons = new Map<string, number>();
  for (const context of contexts) {
    const mine = sb.evaluate(COMPLEX_KEY, context, null);
    const theirs = await ld.variationDetail(COMPLEX_KEY, context as never, null);
    const { reason } = mine;
    const label = `${reason.kind}${'inExperiment' in reason ? '+exp' : ''}`;
    reasons.set(label, (reasons.get(label) ?? 0) + 1);
    const same =
      mine.value === theirs.value &&
      mine.variationIndex === (theirs.variationIndex ?? null) &&
      canonical(mine.reason) === canonical(theirs.reason);
    if (same) agree += 1;
  }
  let agreeAll = 0;
  for (const context of contexts.slice(0, 200)) {
    const mine = sbMany.evaluateAll(context, { withReasons: true });
    const theirs = (await ldMany.allFlagsState(context as never, { withReasons: true })).toJSON() as Json & {
      $flagsState: Record<string, { variation?: number }>;
    };
    const same = Object.entries(mine).every(
      ([key, state]) =>
        state.value === theirs[key] && state.variationIndex === (theirs.$flagsState[key]?.variation ?? null),
    );
    if (same && Object.keys(mine).length === Object.keys(theirs.$flagsState).length) agreeAll += 1;
  }

  const allContexts = contexts.slice(0, SB_ALL_CALLS);
  const cases: Case[] = [
    {
      name: '(a) trivial boolean flag, evaluate',
      switchboard: {
        ops: CONTEXTS * SB_TRIVIAL_PASSES,
        run: evaluateEach(sb, TRIVIAL_KEY, contexts, SB_TRIVIAL_PASSES),
      },
      launchDarkly: { ops: CONTEXTS, run: variationDetailEach(ld, TRIVIAL_KEY, contexts) },
    },
    {
      name: '(b) complex flag, evaluate',
      switchboard: {
        ops: CONTEXTS * SB_COMPLEX_PASSES,
        run: evaluateEach(sb, COMPLEX_KEY, contexts, SB_COMPLEX_PASSES),
      },
      launchDarkly: { ops: CONTEXTS, run: variationDetailEach(ld, COMPLEX_KEY, contexts) },
    },
    {
      name: `(c) all ${FLAGS_FOR_ALL} complex flags, evaluateAll`,
      switchboard: {
        ops: SB_ALL_CALLS,
        run: () => {
          for (const context of allContexts) sink += Object.keys(sbMany.evaluateAll(context)).length;
        },
      },
      launchDarkly: {
        ops: LD_ALL_CALLS,
        run: async () => {
          for (let i = 0; i < LD_ALL_CALLS; i += 1) {
            sink += (await ldMany.allFlagsState(allContexts[i] as never)).allValues() === undefined ? 0 : 1;
          }
        },
      },
    },
  ];

  // Warm-up: every run once, untimed, so both sides are optimised before measuring.
  for (const c of cases) {
    await c.switchboard.run();
    await c.launchDarkly.run();
  }

  const samples = cases.map(() => ({ sb: [] as number[], ld: [] as number[] }));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, c] of cases.entries()) {
      const s = samples[i] as { sb: number[]; ld: number[] };
      // Alternate which side goes first, so neither always runs on a warmer or quieter machine.
      if (round % 2 === 0) {
        s.sb.push(c.switchboard.ops / (await time(c.switchboard.run)));
        s.ld.push(c.launchDarkly.ops / (await time(c.launchDarkly.run)));
      } else {
        s.ld.push(c.launchDarkly.ops / (await time(c.launchDarkly.run)));
        s.sb.push(c.switchboard.ops / (await time(c.switchboard.run)));
      }
    }
  }

  ld.close();
  ldMany.close();
  const corpusResult = await measureCorpus(createEvaluator);

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log('Switchboard vs LaunchDarkly Node SDK — flag evaluation');
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpu}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${new Date().toISOString()}`,
  );
  console.log(
    `${CONTEXTS.toLocaleString('en')} contexts (${((multi / CONTEXTS) * 100).toFixed(0)}% multi-kind), ` +
      `${ROUNDS} alternating rounds, median round reported, rates per CPU-second of this process`,
  );
  console.log('');
  // Each round's two runs are adjacent in time, so the ratio within a round cancels most of the
  // machine's drift; the median of those ratios is the figure reported.
  const ratios = samples.map((s) => median(s.sb.map((rate, round) => rate / (s.ld[round] as number))));
  const rows = cases.map((c, i) => {
    const s = samples[i] as { sb: number[]; ld: number[] };
    return {
      case: c.name,
      LaunchDarkly: fmtRate(median(s.ld)),
      Switchboard: fmtRate(median(s.sb)),
      'ratio (median of rounds)': `${(ratios[i] as number).toFixed(1)}×`,
      'SB best – worst round': `${fmtRate(Math.max(...s.sb))} – ${fmtRate(Math.min(...s.sb))}`,
    };
  });
  console.table(rows);
  const all = samples[2] as { sb: number[]; ld: number[] };
  const sbMicros = 1e6 / median(all.sb);
  const ldMicros = 1e6 / median(all.ld);
  console.log(
    `evaluateAll (${FLAGS_FOR_ALL} flags + prerequisite): Switchboard ${sbMicros.toFixed(1)} µs ` +
      `(best round ${(1e6 / Math.max(...all.sb)).toFixed(1)} µs), ` +
      `LaunchDarkly allFlagsState ${ldMicros.toFixed(0)} µs per context`,
  );
  console.log(
    `agreement on the complex flag: ${agree.toLocaleString('en')} / ${CONTEXTS.toLocaleString('en')} contexts ` +
      `(value, variationIndex, reason); evaluateAll vs allFlagsState: ${agreeAll} / 200 contexts`,
  );
  console.log(
    `complex flag outcomes: ${[...reasons]
      .sort()
      .map(([k, v]) => `${k} ${((v / CONTEXTS) * 100).toFixed(1)}%`)
      .join(', ')}`,
  );
  const corpusRatios = printCorpus(corpusResult);
  const trivial = samples[0] as { sb: number[]; ld: number[] };
  const targets = [
    ['(a) ≥ 10 M evaluations/s', median(trivial.sb) >= 10e6],
    ['(c) ≤ 30 µs per evaluateAll of 100 flags', sbMicros <= 30],
    ['(d) corpus median ≥ 10× LaunchDarkly', corpusRatios.median >= 10],
    ['(d) corpus worst ≥ 5×', corpusRatios.worst >= 5],
  ] as const;
  console.log(`targets: ${targets.map(([name, met]) => `${name}: ${met ? 'met' : 'NOT met'}`).join('; ')}`);
  console.log(`(sink ${sink % 10}, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

await main();
