import type { EventEnvelope } from '@switchboard/core/events';

export const granularities = ['minute', 'hour'] as const;
export type Granularity = (typeof granularities)[number];

export const GRANULARITY_MS: Readonly<Record<Granularity, number>> = { minute: 60_000, hour: 3_600_000 };

/** Start (epoch ms) of the bucket of `granularity` holding `time`. */
export const bucketStart = (time: number, granularity: Granularity): number =>
  Math.floor(time / GRANULARITY_MS[granularity]) * GRANULARITY_MS[granularity];

/**
 * What each input (e.g. each Kinesis record, by position) added to a total, in input order:
 * `sources[i]` added `counts[i]`. A writer that finds part of a total already applied (a redelivered
 * batch) recomputes the rest from this.
 */
export interface Contributions {
  readonly sources: number[];
  readonly counts: number[];
}

/** Evaluations of one flag that served one variation (`null`: the caller's default) in one bucket. */
export interface EvaluationCount extends Contributions {
  readonly kind: 'evaluation';
  readonly project: string;
  readonly env: string;
  readonly flag: string;
  readonly variation: number | null;
  readonly granularity: Granularity;
  readonly bucket: number;
  count: number;
}

/** Custom events of one key in one bucket, with the sum of their `metricValue`s. */
export interface CustomCount extends Contributions {
  readonly kind: 'custom';
  readonly project: string;
  readonly env: string;
  readonly key: string;
  readonly granularity: Granularity;
  readonly bucket: number;
  count: number;
  metricSum: number;
  /** `metricSums[i]` is what `sources[i]` added to `metricSum`. */
  readonly metricSums: number[];
}

export type AggregatedCount = EvaluationCount | CustomCount;

/** The latest time a flag was evaluated in an environment, and the first input that said so. */
export interface LastEvaluated {
  readonly project: string;
  readonly env: string;
  readonly flag: string;
  at: number;
  firstSource: number;
}

interface FlagTotals {
  readonly last: LastEvaluated;
  readonly counts: Map<number, EvaluationCount>;
}

interface EnvTotals {
  readonly project: string;
  readonly env: string;
  readonly flags: Map<string, FlagTotals>;
  readonly custom: Map<string, CustomCount>;
}

const MINUTE_MS = GRANULARITY_MS.minute;

/**
 * Numeric key of a (granularity, bucket) pair, relative to `base` (a minute index) so that keys of
 * nearby buckets are small integers, which maps hash fastest; a variation (below 1023) is added to it.
 */
const bucketKey = (bucket: number, granularity: Granularity, base: number): number =>
  ((bucket / MINUTE_MS - base) * 2 + (granularity === 'minute' ? 0 : 1)) * 1024;

function contribute(totals: Contributions, source: number, count: number): number {
  const last = totals.sources.length - 1;
  if (last >= 0 && totals.sources[last] === source) {
    totals.counts[last] = (totals.counts[last] as number) + count;
    return last;
  }
  totals.sources.push(source);
  totals.counts.push(count);
  return last + 1;
}

/**
 * Adds up event envelopes in memory: evaluations per (environment, flag, variation, minute and hour
 * bucket), custom events per (environment, event key, bucket), and each flag's last evaluation time,
 * so that a writer makes one update per distinct key however many events share it. An event's time
 * is its `endDate` (summaries) or `creationDate` (custom), capped at the envelope's `receivedAt` so a
 * fast SDK clock cannot write into the future.
 *
 * @example
 * ```ts
 * const aggregator = new EventAggregator();
 * records.forEach((envelope, index) => aggregator.add(envelope, index));
 * for (const count of aggregator.counts()) write(count); // one write per distinct key
 * ```
 */
export class EventAggregator {
  private readonly envs = new Map<string, EnvTotals>();
  private events = 0;
  /** Minute index of the first summary seen: bucket keys are relative to it. */
  private base: number | undefined;

  /** Events added so far (summary counter lines and custom events). */
  get eventCount(): number {
    return this.events;
  }

  /** Adds every event of `envelope`, attributing it to `source` (e.g. the record's position). */
  add(envelope: EventEnvelope, source = 0): void {
    const envKey = `${envelope.project}\n${envelope.env}`;
    let env = this.envs.get(envKey);
    if (env === undefined) {
      env = { project: envelope.project, env: envelope.env, flags: new Map(), custom: new Map() };
      this.envs.set(envKey, env);
    }
    for (const event of envelope.events) {
      if (event.kind === 'summary') this.addSummary(env, event, envelope.receivedAt, source);
      else if (event.kind === 'custom') this.addCustom(env, event, envelope.receivedAt, source);
    }
  }

  /** Every distinct count, evaluations first. */
  counts(): AggregatedCount[] {
    const out: AggregatedCount[] = [];
    for (const env of this.envs.values()) {
      for (const flag of env.flags.values()) for (const count of flag.counts.values()) out.push(count);
    }
    for (const env of this.envs.values()) for (const count of env.custom.values()) out.push(count);
    return out;
  }

  /** The latest evaluation time per (environment, flag). */
  lastEvaluated(): LastEvaluated[] {
    const out: LastEvaluated[] = [];
    for (const env of this.envs.values()) for (const flag of env.flags.values()) out.push(flag.last);
    return out;
  }

  private addCustom(
    env: EnvTotals,
    event: Extract<EventEnvelope['events'][number], { kind: 'custom' }>,
    receivedAt: number,
    source: number,
  ): void {
    this.events++;
    const time = Math.min(event.creationDate, receivedAt);
    const metric = typeof event.metricValue === 'number' ? event.metricValue : 0;
    for (const granularity of granularities) {
      const bucket = bucketStart(time, granularity);
      const id = `${event.key}\n${granularity}\n${bucket}`;
      let totals = env.custom.get(id);
      if (totals === undefined) {
        totals = {
          kind: 'custom',
          project: env.project,
          env: env.env,
          key: event.key,
          granularity,
          bucket,
          count: 0,
          metricSum: 0,
          sources: [],
          counts: [],
          metricSums: [],
        };
        env.custom.set(id, totals);
      }
      totals.count++;
      totals.metricSum += metric;
      const at = contribute(totals, source, 1);
      totals.metricSums[at] = (totals.metricSums[at] ?? 0) + metric;
    }
  }

  private addSummary(
    env: EnvTotals,
    event: Extract<EventEnvelope['events'][number], { kind: 'summary' }>,
    receivedAt: number,
    source: number,
  ): void {
    const time = Math.min(event.endDate, receivedAt);
    const minute = bucketStart(time, 'minute');
    const hour = bucketStart(time, 'hour');
    this.base ??= minute / MINUTE_MS;
    const minuteKey = bucketKey(minute, 'minute', this.base);
    const hourKey = bucketKey(hour, 'hour', this.base);
    for (const flagKey in event.features) {
      const feature = event.features[flagKey];
      if (feature === undefined) continue;
      let flag = env.flags.get(flagKey);
      for (const counter of feature.counters) {
        this.events++;
        if (counter.count <= 0) continue;
        if (flag === undefined) {
          flag = {
            last: { project: env.project, env: env.env, flag: flagKey, at: time, firstSource: source },
            counts: new Map(),
          };
          env.flags.set(flagKey, flag);
        } else if (time > flag.last.at) {
          flag.last.at = time;
        }
        const variation = counter.variation ?? null;
        const offset = (variation ?? -1) + 1;
        this.addCount(
          env,
          flag,
          flagKey,
          variation,
          'minute',
          minute,
          minuteKey + offset,
          counter.count,
          source,
        );
        this.addCount(env, flag, flagKey, variation, 'hour', hour, hourKey + offset, counter.count, source);
      }
    }
  }

  private addCount(
    env: EnvTotals,
    flag: FlagTotals,
    flagKey: string,
    variation: number | null,
    granularity: Granularity,
    bucket: number,
    key: number,
    count: number,
    source: number,
  ): void {
    let totals = flag.counts.get(key);
    if (totals === undefined) {
      totals = {
        kind: 'evaluation',
        project: env.project,
        env: env.env,
        flag: flagKey,
        variation,
        granularity,
        bucket,
        count: 0,
        sources: [],
        counts: [],
      };
      flag.counts.set(key, totals);
    }
    totals.count += count;
    contribute(totals, source, count);
  }
}

/** Adds up envelopes, the i-th attributed to source i; the pure form of {@link EventAggregator}. */
export function aggregate(envelopes: readonly EventEnvelope[]): {
  counts: AggregatedCount[];
  lastEvaluated: LastEvaluated[];
} {
  const aggregator = new EventAggregator();
  envelopes.forEach((envelope, index) => {
    aggregator.add(envelope, index);
  });
  return { counts: aggregator.counts(), lastEvaluated: aggregator.lastEvaluated() };
}
