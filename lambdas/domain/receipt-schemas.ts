/** Delivery receipts on the management API: an environment's opt-in (a flag's receipts are in `response-schemas.ts`). */
import { strictObject } from '@switchboard/core/schema';
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
