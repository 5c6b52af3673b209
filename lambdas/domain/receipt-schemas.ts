/** Delivery receipts on the management API: an environment's opt-in, and a flag's receipts. */
import { object, strictObject } from '@switchboard/core/schema';
import * as v from 'valibot';

/**
 * An environment's delivery receipts (docs/delivery.md, "Delivery receipts"). Every ack is a billed
 * WebSocket message, so SDKs sample: `sampleRate` of them acknowledge each change. The floor, one
 * SDK in a million, also keeps the rate a number DynamoDB can store (it refuses magnitudes below
 * 1e-130).
 */
export const MIN_SAMPLE_RATE = 0.000001;

export const receiptSettingsSchema = strictObject({
  enabled: v.pipe(v.boolean(), v.description('SDKs acknowledge the flag changes they apply')),
  sampleRate: v.pipe(
    v.number(),
    v.minValue(MIN_SAMPLE_RATE, 'must be at least 0.000001 (one SDK in a million)'),
    v.maxValue(1, 'must be at most 1'),
    v.description('Share of SDKs that acknowledge a change, from 0.000001 (one in a million) to 1'),
  ),
});

const percentile = v.nullable(v.number());

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
      latencyMs: object({ p50: percentile, p90: percentile, p99: percentile }),
      histogram: v.array(v.number()),
    }),
  ),
});
export type Deliveries = v.InferOutput<typeof deliveriesSchema>;

/** `?limit=`: how many of the latest changes. */
export const deliveriesQuerySchema = strictObject({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(100, 'must be at most 100'),
    ),
  ),
});
