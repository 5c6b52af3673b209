import {
  flagEntries,
  int,
  jsonValue,
  segmentSchema as modelSegmentSchema,
  object,
  record,
  strictObject,
} from '@switchboard/core/schema';
import * as v from 'valibot';
import {
  clientSideAvailabilitySchema,
  environmentSchema,
  flagEnvironmentSchema,
  name,
  resourceKey,
  segmentTargeting,
  version,
} from './schemas.js';
import { tokenScope } from './token-schemas.js';

/**
 * What the HTTP API answers, beyond the resources it also accepts (`schemas.ts`). The OpenAPI
 * document is generated from them; at run time only their types are used, so no function bundles
 * them (esbuild keeps every top-level schema of a module it bundles).
 */

/** The evaluation JSON of a flag in one environment, as SDKs receive it (evaluation.md). */
export const evaluationFlagSchema = strictObject({
  ...v.omit(flagEnvironmentSchema, ['version']).entries,
  key: resourceKey,
  version: flagEntries.version,
  variations: flagEntries.variations,
  clientSideAvailability: clientSideAvailabilitySchema,
  deleted: v.boolean(),
});
export type EvaluationFlag = v.InferOutput<typeof evaluationFlagSchema>;

export const evaluationSegmentSchema = object({
  key: resourceKey,
  version: modelSegmentSchema.entries.version,
  salt: v.string(),
  ...segmentTargeting,
  generation: modelSegmentSchema.entries.generation,
  deleted: v.boolean(),
});
export type EvaluationSegment = v.InferOutput<typeof evaluationSegmentSchema>;

/** The environment's secret SDK key appears only in the response that creates or rotates it. */
export const environmentWithKeySchema = strictObject({ ...environmentSchema.entries, sdkKey: v.string() });

export const tokenSchema = object({
  id: v.string(),
  name,
  ...tokenScope,
  createdAt: v.string(),
  /** From then on the token is refused (401). */
  expiresAt: v.optional(v.string()),
  /** When the secret was last replaced. */
  rotatedAt: v.optional(v.string()),
  revokedAt: v.optional(v.string()),
});
export type TokenInfo = v.InferOutput<typeof tokenSchema>;

export const tokenWithSecretSchema = object({ ...tokenSchema.entries, token: v.string() });

/** The calling token, so a client (the dashboard) can show what its role or per-project roles allow. */
export const meSchema = v.pick(tokenSchema, ['id', 'name', 'role', 'projects', 'expiresAt']);
/** Per environment, what the flag list shows of a flag there: on/off and the version `If-Match` needs. */
export const flagStatesSchema = record(v.string(), object({ on: v.boolean(), version }));

export const auditEntrySchema = object({
  id: v.string(),
  project: v.string(),
  time: v.string(),
  actor: object({ id: v.string(), name: v.string() }),
  action: v.picklist(['create', 'update', 'delete']),
  resource: v.picklist(['project', 'environment', 'flag', 'segment']),
  key: v.string(),
  env: v.optional(v.string()),
  comment: v.optional(v.string()),
  before: v.optional(jsonValue),
  after: v.optional(jsonValue),
});
export type AuditEntry = v.InferOutput<typeof auditEntrySchema>;

/**
 * An entry of the global audit log: changes that belong to no project (API tokens). It never holds
 * a secret or a hash, only what the token listing shows.
 */
export const globalAuditEntrySchema = object({
  ...v.omit(auditEntrySchema, ['project', 'env', 'action', 'resource']).entries,
  action: v.picklist(['create', 'rotate', 'revoke']),
  resource: v.picklist(['token']),
});
export type GlobalAuditEntry = v.InferOutput<typeof globalAuditEntrySchema>;

/** A page of a list: `cursor` is present while more items follow. */
export const pageOf = <T extends v.GenericSchema>(item: T) =>
  object({ items: v.array(item), cursor: v.optional(v.string()) });

export const evaluationResultSchema = object({
  value: jsonValue,
  variationIndex: v.nullable(int()),
  version: v.optional(int()),
  reason: v.optional(record(v.string(), jsonValue)),
});
export const evaluateResponseSchema = object({ values: record(v.string(), evaluationResultSchema) });

export const snapshotSchema = object({
  flags: record(v.string(), evaluationFlagSchema),
  segments: record(v.string(), evaluationSegmentSchema),
});
export type Snapshot = v.InferOutput<typeof snapshotSchema>;

export const errorResponseSchema = object({
  error: object({ code: v.string(), message: v.string(), field: v.optional(v.string()) }),
});

const percentile = v.nullable(v.number());
const range = v.nullable(object({ fromMs: v.number(), toMs: v.nullable(v.number()) }));

/** `GET …/flags/{flag}/deliveries`: the flag's latest changes, newest first. */
export const deliveriesSchema = object({
  flag: v.string(),
  environment: v.string(),
  /** Upper bounds (ms) of the latency histogram's buckets; the last bucket is everything slower. */
  bucketBoundsMs: v.array(v.number()),
  deliveries: v.array(
    object({
      version: v.number(),
      committedAt: v.nullable(v.string()),
      /** Connections the change was posted to. */
      connected: v.number(),
      /** Acks received (a sample when `sampleRate` < 1). */
      acks: v.number(),
      sampleRate: v.nullable(v.number()),
      /** Estimated SDKs that applied it: acks ÷ sample rate, at most `connected`. */
      applied: v.number(),
      /** Estimated inside the histogram's bucket (linear interpolation). */
      latencyMs: object({ p50: percentile, p90: percentile, p99: percentile }),
      /** The bucket each percentile falls in: above `fromMs`, up to `toMs` (null: above the last bound). */
      latencyRangeMs: object({ p50: range, p90: range, p99: range }),
      histogram: v.array(v.number()),
    }),
  ),
});
export type Deliveries = v.InferOutput<typeof deliveriesSchema>;
