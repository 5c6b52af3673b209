/** Delivery receipts on the management API: an environment's opt-in, and a flag's receipts. */
import * as z from 'zod/mini';

/**
 * An environment's delivery receipts (docs/delivery.md, "Delivery receipts"). Every ack is a billed
 * WebSocket message, so SDKs sample: `sampleRate` of them acknowledge each change. The floor, one
 * SDK in a million, also keeps the rate a number DynamoDB can store (it refuses magnitudes below
 * 1e-130).
 */
export const MIN_SAMPLE_RATE = 0.000001;

export const receiptSettingsSchema = z.strictObject({
  enabled: z.boolean().register(z.globalRegistry, {
    description: 'SDKs acknowledge the flag changes they apply',
  }),
  sampleRate: z
    .number()
    .check(
      z.gte(MIN_SAMPLE_RATE, 'must be at least 0.000001 (one SDK in a million)'),
      z.lte(1, 'must be at most 1'),
      z.describe('Share of SDKs that acknowledge a change, from 0.000001 (one in a million) to 1'),
    ),
});

const percentile = z.nullable(z.number());

/** `GET …/flags/{flag}/deliveries`: the flag's latest changes, newest first. */
export const deliveriesSchema = z.object({
  flag: z.string(),
  environment: z.string(),
  /** Upper bounds (ms) of the latency histogram's buckets; the last bucket is everything slower. */
  bucketBoundsMs: z.array(z.number()),
  deliveries: z.array(
    z.object({
      version: z.number(),
      committedAt: z.nullable(z.string()),
      /** Connections the change was posted to. */
      connected: z.number(),
      /** Acks received (a sample when `sampleRate` < 1). */
      acks: z.number(),
      sampleRate: z.nullable(z.number()),
      /** Estimated SDKs that applied it: acks ÷ sample rate, at most `connected`. */
      applied: z.number(),
      latencyMs: z.object({ p50: percentile, p90: percentile, p99: percentile }),
      histogram: z.array(z.number()),
    }),
  ),
});
export type Deliveries = z.infer<typeof deliveriesSchema>;

/** `?limit=`: how many of the latest changes. */
export const deliveriesQuerySchema = z.strictObject({
  limit: z.optional(
    z
      .pipe(
        z.string().check(z.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100')),
        z.transform(Number),
      )
      .check(z.gte(1, 'must be at least 1'), z.lte(100, 'must be at most 100')),
  ),
});
