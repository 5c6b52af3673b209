import { parseArgs } from 'node:util';
import {
  type Assumptions,
  compare,
  defaultAssumptions,
  type Estimate,
  estimate,
  fmt,
  type Load,
  namedSizes,
} from './model.js';
import priceTable from './prices.json' with { type: 'json' };

/** What `npm run cost` prints and the exit code it ends with. */
export interface Report {
  readonly output: string;
  readonly code: number;
}

const LOAD_FLAGS = {
  servers: 'servers',
  browsers: 'browsers',
  'evaluations-per-day': 'evaluationsPerDay',
  'changes-per-day': 'changesPerDay',
} as const satisfies Record<string, keyof Load>;

/** Assumptions worth changing from the command line; the rest are edited in model.ts. */
const ASSUMPTION_FLAGS = {
  'posts-per-change-per-connection': 'postsPerChangePerConnection',
  'ack-sampling-rate': 'ackSamplingRate',
  'page-views-per-browser-per-day': 'pageViewsPerBrowserPerDay',
  'minutes-per-page-view': 'minutesPerPageView',
  'browsers-altered-per-change': 'browsersAlteredPerChange',
  'flush-interval-seconds': 'flushIntervalSeconds',
  'ping-interval-minutes': 'pingIntervalMinutes',
  'aggregator-window-seconds': 'aggregatorWindowSeconds',
  flags: 'flags',
} as const satisfies Record<string, keyof Assumptions>;

/** What-ifs printed under the three sizes: each one changes one assumption. */
const VARIANTS: readonly { readonly name: string; readonly overrides: Partial<Assumptions> }[] = [
  {
    name: 'fast-path duplicate (2 posts per change per connection)',
    overrides: { postsPerChangePerConnection: 2 },
  },
  { name: 'ack sampling 1 % of posts (delivery receipts)', overrides: { ackSamplingRate: 0.01 } },
  { name: 'event flush every 60 s instead of 10 s', overrides: { flushIntervalSeconds: 60 } },
  { name: 'aggregator batching window 60 s instead of 1 s', overrides: { aggregatorWindowSeconds: 60 } },
  { name: 'ping every 9 min instead of 5', overrides: { pingIntervalMinutes: 9 } },
  { name: 'Kinesis provisioned instead of on-demand', overrides: { kinesisMode: 'provisioned' } },
];

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** Unit prices under a cent read best per million units, as AWS quotes them. */
const price = (n: number) => {
  if (n >= 1 || n === 0) return usd(n);
  return n >= 0.01 ? `$${Number(n.toPrecision(3))}` : `$${Number((n * 1e6).toPrecision(3))}/M`;
};

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function header(): string {
  return `Switchboard monthly AWS bill — ${priceTable.region}, list prices checked ${priceTable.checked} (tools/cost/prices.json), 30-day month, no free tier`;
}

function single(load: Load, overrides: Partial<Assumptions>): string {
  const result = estimate(load, overrides);
  const rows = [
    ['service', 'item', 'quantity', 'unit', 'unit price', 'monthly'],
    ...result.items.map((i) => [
      i.service,
      i.item,
      fmt(i.quantity),
      i.unit,
      price(i.unitUsd),
      usd(i.monthlyUsd),
    ]),
    ['total', '', '', '', '', usd(result.totalUsd)],
  ];
  const basis = result.items.map((i) => `- ${i.service} ${i.item}: ${i.basis}`);
  const comparisons = compare(load, overrides).map(
    (c) =>
      `- ${c.product}: ${c.monthlyUsd === undefined ? 'no public price' : usd(c.monthlyUsd)} — ${c.basis}`,
  );
  return [
    header(),
    `Load: ${fmt(load.servers)} servers, ${fmt(load.browsers)} browsers a day, ${fmt(load.evaluationsPerDay)} evaluations a day, ${fmt(load.changesPerDay)} changes a day`,
    '',
    table(rows, new Set([2, 4, 5])),
    '',
    'Where each quantity comes from:',
    ...basis,
    '',
    'Same load at list price elsewhere:',
    ...comparisons,
  ].join('\n');
}

function sideBySide(overrides: Partial<Assumptions>): string {
  const estimates: Estimate[] = namedSizes.map((s) => estimate(s.load, overrides));
  const first = estimates[0];
  const rows: string[][] = [
    ['', '', ...namedSizes.map((s) => s.name)],
    ['load', 'servers', ...namedSizes.map((s) => fmt(s.load.servers))],
    ['', 'browsers a day', ...namedSizes.map((s) => fmt(s.load.browsers))],
    ['', 'evaluations a day', ...namedSizes.map((s) => fmt(s.load.evaluationsPerDay))],
    ['', 'changes a day', ...namedSizes.map((s) => fmt(s.load.changesPerDay))],
    ...(first?.items ?? []).map((item, i) => [
      item.service,
      item.item,
      ...estimates.map((e) => usd(e.items[i]?.monthlyUsd ?? 0)),
    ]),
    ['total', 'Switchboard on AWS', ...estimates.map((e) => usd(e.totalUsd))],
  ];
  const comparisons = namedSizes.map((s) => compare(s.load, overrides));
  for (const [i, c] of (comparisons[0] ?? []).entries()) {
    rows.push([
      'list price',
      c.product,
      ...comparisons.map((cs) => {
        const value = cs[i]?.monthlyUsd;
        return value === undefined ? 'not public' : usd(value);
      }),
    ]);
  }
  for (const variant of VARIANTS) {
    rows.push([
      'what if',
      variant.name,
      ...namedSizes.map((s, i) => {
        const delta =
          estimate(s.load, { ...overrides, ...variant.overrides }).totalUsd - (estimates[i]?.totalUsd ?? 0);
        return `${delta >= 0 ? '+' : '−'}${usd(Math.abs(delta))}`;
      }),
    ]);
  }
  const sources = (comparisons[0] ?? []).flatMap((c) => c.sources.map((s) => `- ${c.product}: ${s}`));
  return [
    header(),
    '',
    table(rows, new Set(namedSizes.map((_, i) => i + 2))),
    '',
    'Sources of the list prices:',
    ...new Set(sources),
    '',
    'Run with --servers --browsers --evaluations-per-day --changes-per-day for one load, line by line with each quantity explained.',
  ].join('\n');
}

function numberFlag(name: string, raw: string): number | string {
  const value = Number(raw);
  return raw.trim() !== '' && Number.isFinite(value) && value >= 0
    ? value
    : `--${name} must be a non-negative number, got "${raw}"`;
}

/**
 * Parses `npm run cost` arguments and renders the bill: one load line by line when all four load
 * flags are given, the three named sizes side by side when none is.
 *
 * @example
 * ```ts
 * run(['--servers', '20', '--browsers', '10000', '--evaluations-per-day', '1e7', '--changes-per-day', '10']).output;
 * ```
 */
export function run(argv: readonly string[]): Report {
  const options = Object.fromEntries(
    [...Object.keys(LOAD_FLAGS), ...Object.keys(ASSUMPTION_FLAGS), 'kinesis-mode'].map((name) => [
      name,
      { type: 'string' } as const,
    ]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }));
  } catch (error) {
    return { output: (error as Error).message, code: 2 };
  }
  const errors: string[] = [];
  const numbers = (flags: Record<string, string>): Record<string, number> => {
    const parsed: Record<string, number> = {};
    for (const [flag, key] of Object.entries(flags)) {
      const raw = values[flag];
      if (typeof raw !== 'string') continue;
      const value = numberFlag(flag, raw);
      if (typeof value === 'string') errors.push(value);
      else parsed[key] = value;
    }
    return parsed;
  };
  const overrides: Record<string, unknown> = numbers(ASSUMPTION_FLAGS);
  const mode = values['kinesis-mode'];
  if (mode !== undefined) {
    if (mode === 'on-demand' || mode === 'provisioned') overrides.kinesisMode = mode;
    else errors.push(`--kinesis-mode must be on-demand or provisioned, got "${String(mode)}"`);
  }
  const load = numbers(LOAD_FLAGS);
  const given = Object.keys(LOAD_FLAGS).filter((flag) => typeof values[flag] === 'string');
  if (given.length > 0 && given.length < Object.keys(LOAD_FLAGS).length) {
    const missing = Object.keys(LOAD_FLAGS).filter((flag) => !given.includes(flag));
    errors.push(`give all four load flags or none; missing ${missing.map((f) => `--${f}`).join(', ')}`);
  }
  if (errors.length > 0) return { output: errors.join('\n'), code: 2 };
  const assumptions: Partial<Assumptions> = { ...defaultAssumptions, ...overrides };
  return {
    output: given.length === 0 ? sideBySide(assumptions) : single(load as unknown as Load, assumptions),
    code: 0,
  };
}
