import type { Insights } from './api/get-insights.js';

export interface Variation {
  readonly value?: unknown;
  readonly name?: string;
}

export interface InsightsSeries {
  /** The counts' keys in stacking order: variation indexes ascending, then `default`. */
  readonly keys: string[];
  /** A display name per key: the variation's name, else its value; `default` is the SDK's fallback. */
  readonly labels: string[];
  /** Bucket starts in seconds (uPlot's x scale), one per bucket of the range, empty ones included. */
  readonly x: number[];
  /** Counts per key per bucket, zero where the API had no bucket. */
  readonly counts: number[][];
  /** Running sums of `counts` (`stacked[i]` = keys 0..i), what a stacked area chart draws. */
  readonly stacked: number[][];
}

/** Colour-blind-safe (Okabe–Ito), in stacking order; `default` is grey. */
const seriesColors = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];

/** The colour of the `i`-th series, shared by the chart and its legend table. */
export const colorOf = (key: string, i: number): string =>
  key === 'default' ? '#8c959f' : (seriesColors[i % seriesColors.length] as string);

const STEP_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** How a series is named: the variation's name, else its JSON value. */
export function variationLabel(key: string, variations: readonly Variation[]): string {
  if (key === 'default') return 'Default (SDK fallback)';
  const variation = variations[Number(key)];
  if (!variation) return `Variation ${key}`;
  return variation.name ?? JSON.stringify(variation.value);
}

/**
 * Every bucket start of `from`…`to` (ISO, `to` exclusive) in epoch ms: the time axis the insights and
 * events charts share.
 */
export function bucketStarts(range: {
  readonly from: string;
  readonly to: string;
  readonly granularity: keyof typeof STEP_MS;
}): number[] {
  const step = STEP_MS[range.granularity];
  const to = Date.parse(range.to);
  const starts: number[] = [];
  for (let t = Date.parse(range.from); t < to; t += step) starts.push(t);
  return starts;
}

const byKey = (a: string, b: string) => (a === 'default' ? 1 : b === 'default' ? -1 : Number(a) - Number(b));

/**
 * Turns an insights answer into chart series: every bucket of `from`…`to` (the API leaves out empty
 * ones), one row of counts per variation that was served, and their running sums for stacking.
 *
 * @example
 * const series = insightsSeries(insights, flag.variations);
 * new uPlot(options, [series.x, ...series.stacked], element);
 */
export function insightsSeries(insights: Insights, variations: readonly Variation[]): InsightsSeries {
  const keys = Object.keys(insights.totals).sort(byKey);
  const index = new Map<number, Insights['buckets'][number]>();
  for (const bucket of insights.buckets) index.set(Date.parse(bucket.start), bucket);
  const starts = bucketStarts(insights);
  const x = starts.map((t) => t / 1000);
  const counts = keys.map((key) => starts.map((t) => index.get(t)?.counts[key] ?? 0));
  const stacked: number[][] = [];
  counts.forEach((row, i) => {
    const below = stacked[i - 1];
    stacked.push(below ? row.map((n, j) => n + (below[j] ?? 0)) : [...row]);
  });
  return { keys, labels: keys.map((key) => variationLabel(key, variations)), x, counts, stacked };
}
