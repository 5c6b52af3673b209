import type { AggregatedCount, CustomCount, Granularity } from '../../domain/aggregate.js';
import type { PartClaim } from '../../services/analytics-ports.js';

/**
 * The analytics table's key layout (`@switchboard/topology` tables.ts):
 *   ENV#{p}#{e}#FLAG#{f}   / {granularity}#{bucket ISO}#{variation | default}   evaluation counter
 *   ENV#{p}#{e}#EVENT#{k}  / {granularity}#{bucket ISO}                         custom-event counter
 *     with `envPk` ENV#{p}#{e}#EVENTS / `envSk` {granularity}#{bucket ISO}#{k}  (GSI `eventsByEnv`)
 *   LASTEVAL#{p}           / FLAG#{f}        `at#{env}`: last evaluation time (epoch ms) per environment
 *   PAYLOAD#{p}#{e}#{id}   / PART#{n}        `holder`: the record (shard/sequence) that counts this part
 * Counters carry `count` (custom ones also `metricSum`), `ttl`, and one watermark attribute per
 * Kinesis shard that has written to them (`w#{shardId}`, see docs/analytics.md).
 */
export const DEFAULT_VARIATION = 'default';

/** How long counters are kept: minute buckets for two days, hour buckets for 90 days. */
export const RETENTION_MS: Readonly<Record<Granularity, number>> = {
  minute: 2 * 24 * 3_600_000,
  hour: 90 * 24 * 3_600_000,
};

export const flagCounterPk = (project: string, env: string, flag: string) =>
  `ENV#${project}#${env}#FLAG#${flag}`;
export const eventCounterPk = (project: string, env: string, key: string) =>
  `ENV#${project}#${env}#EVENT#${key}`;
export const bucketSk = (granularity: Granularity, bucket: number) =>
  `${granularity}#${new Date(bucket).toISOString()}`;

/** The GSI that lists an environment's custom-event counters by time. */
export const EVENTS_BY_ENV_INDEX = 'eventsByEnv';
export const eventsByEnvPk = (project: string, env: string) => `ENV#${project}#${env}#EVENTS`;

/** `eventsByEnv` keys of a custom-event counter: event keys hold no `#`, so the key is the last part. */
export const eventIndexKey = (count: CustomCount) => ({
  envPk: eventsByEnvPk(count.project, count.env),
  envSk: `${bucketSk(count.granularity, count.bucket)}#${count.key}`,
});

/** `hour#2026-11-26T01:00:00.000Z#signup` → bucket and event key. */
export function parseEventIndexSk(envSk: string): { bucket: number; key: string } | undefined {
  const [, iso, key] = envSk.split('#');
  if (iso === undefined || key === undefined) return undefined;
  const bucket = Date.parse(iso);
  return Number.isNaN(bucket) ? undefined : { bucket, key };
}

/** `hour#2026-11-26T01:00:00.000Z` → bucket start. */
export function parseBucketSk(sk: string): number | undefined {
  const bucket = Date.parse(sk.slice(sk.indexOf('#') + 1));
  return Number.isNaN(bucket) ? undefined : bucket;
}
export const lastEvaluatedKey = (project: string, flag: string) => ({
  pk: `LASTEVAL#${project}`,
  sk: `FLAG#${flag}`,
});
export const LAST_EVALUATED_PREFIX = 'at#';
export const payloadPartKey = (claim: PartClaim) => ({
  pk: `PAYLOAD#${claim.project}#${claim.env}#${claim.payloadId}`,
  sk: `PART#${claim.part}`,
});
/** A payload's parts are claimed for longer than Kinesis keeps records, so no copy outlives its claim. */
export const PAYLOAD_CLAIM_MS = 8 * 24 * 3_600_000;
export const watermarkAttribute = (shard: string) => `w#${shard}`;

export function counterKey(count: AggregatedCount): { pk: string; sk: string } {
  if (count.kind === 'custom') {
    return {
      pk: eventCounterPk(count.project, count.env, count.key),
      sk: bucketSk(count.granularity, count.bucket),
    };
  }
  const variation = count.variation === null ? DEFAULT_VARIATION : String(count.variation);
  return {
    pk: flagCounterPk(count.project, count.env, count.flag),
    sk: `${bucketSk(count.granularity, count.bucket)}#${variation}`,
  };
}

/** `minute#2026-11-26T01:30:00.000Z#2` → bucket and variation. */
export function parseCounterSk(sk: string): { bucket: number; variation: number | null } | undefined {
  const [, iso, variation] = sk.split('#');
  if (iso === undefined || variation === undefined) return undefined;
  const bucket = Date.parse(iso);
  if (Number.isNaN(bucket)) return undefined;
  return { bucket, variation: variation === DEFAULT_VARIATION ? null : Number(variation) };
}
