/**
 * Delivery receipts (docs/delivery.md, "Delivery receipts"): the fields fan-out adds to a frame when
 * an environment opted in, the `ack` an SDK answers with, the event `$default` puts on the analytics
 * stream for it, and the fixed latency histogram the aggregator folds acks into. Pure, and free of
 * any validation library: the WebSocket and fan-out functions load it.
 */

/** What an environment's opt-in tells fan-out: the share of SDKs that acknowledge a change. */
export interface ReceiptSettings {
  readonly enabled: boolean;
  /** 0 < rate ≤ 1. */
  readonly sampleRate: number;
}

/** The receipt fields of a `patch`/`delete`/`values` frame: sampling rate and commit time (epoch ms). */
export interface FrameReceipt {
  readonly ack: number;
  readonly at?: number | undefined;
}

/** `{"action":"ack","kind","key","version","at"?}`: an SDK applied a change. */
export interface AckMessage {
  readonly action: 'ack';
  readonly kind: 'flag' | 'segment';
  readonly key: string;
  readonly version: number;
  /** The frame's `at`, echoed: the change's commit time. */
  readonly at?: number | undefined;
}

/** The analytics stream's record of one ack (an event of an `EventEnvelope`). */
export interface AckEvent {
  readonly kind: 'ack';
  readonly flag: string;
  readonly version: number;
  /** Ack received by `$default` minus the change's commit time; absent when unknown. */
  readonly latencyMs?: number | undefined;
}

/**
 * Upper bounds (ms) of the latency histogram's buckets; one more bucket holds everything slower.
 * Fixed, so every ack of a change adds to the same few attributes of one item.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = [
  25, 50, 100, 150, 200, 300, 500, 750, 1_000, 2_000, 5_000, 10_000, 30_000,
];
export const HISTOGRAM_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

/** The histogram bucket of a latency. */
export function latencyBucket(latencyMs: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? LATENCY_BOUNDS_MS.length : index;
}

/** Where the `p`-th percentile of a histogram falls: its bucket, and its rank inside it. */
interface PercentilePlace {
  readonly bucket: number;
  /** How far into the bucket's count the percentile's rank is, from 0 to 1. */
  readonly within: number;
}

function percentilePlace(histogram: readonly number[], p: number): PercentilePlace | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = p * total;
  let below = 0;
  for (let i = 0; i < histogram.length; i++) {
    const n = histogram[i] ?? 0;
    if (n > 0 && below + n >= rank) return { bucket: i, within: (rank - below) / n };
    below += n;
  }
  return { bucket: LATENCY_BOUNDS_MS.length, within: 0 };
}

/** A bucket's latencies: above `fromMs`, up to `toMs` (null: no upper bound, the overflow bucket). */
export interface LatencyRange {
  readonly fromMs: number;
  readonly toMs: number | null;
}

const rangeOf = (bucket: number): LatencyRange => ({
  fromMs: bucket === 0 ? 0 : (LATENCY_BOUNDS_MS[bucket - 1] as number),
  toMs: LATENCY_BOUNDS_MS[bucket] ?? null,
});

/**
 * The `p`-th percentile (0–1) of a histogram, interpolated linearly inside its bucket; the overflow
 * bucket answers its lower bound. Null for an empty histogram.
 *
 * @example
 * latencyPercentile([0, 0, 10, 0, …], 0.5); // 75: halfway through the 50–100 ms bucket
 */
export function latencyPercentile(histogram: readonly number[], p: number): number | null {
  const place = percentilePlace(histogram, p);
  if (!place) return null;
  const { fromMs, toMs } = rangeOf(place.bucket);
  return toMs === null ? fromMs : Math.round(fromMs + (toMs - fromMs) * place.within);
}

/**
 * The bucket the `p`-th percentile (0–1) of a histogram falls in: what the histogram knows for
 * certain, where {@link latencyPercentile} estimates inside it. Null for an empty histogram.
 *
 * @example
 * latencyRange([0, 0, 10, 0, …], 0.5); // { fromMs: 50, toMs: 100 }
 */
export function latencyRange(histogram: readonly number[], p: number): LatencyRange | null {
  const place = percentilePlace(histogram, p);
  return place && rangeOf(place.bucket);
}

/** A frame's receipt fields for an environment's settings; undefined when it has not opted in. */
export const frameReceipt = (
  settings: ReceiptSettings | undefined,
  committedAt: number | undefined,
): FrameReceipt | undefined =>
  settings?.enabled && settings.sampleRate > 0
    ? { ack: settings.sampleRate, ...(committedAt === undefined ? {} : { at: committedAt }) }
    : undefined;

const isVersion = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** Keys longer than this are no key of ours (DynamoDB's key limit is far above any flag key). */
const MAX_ACK_KEY_LENGTH = 256;

/**
 * Reads an `ack` frame's fields, or says what is wrong with them.
 *
 * @example
 * parseAck({ action: 'ack', kind: 'flag', key: 'beta', version: 4, at: 1764000000000 });
 * // → { ok: true, ack: { action: 'ack', kind: 'flag', key: 'beta', version: 4, at: 1764000000000 } }
 */
export function parseAck(
  message: Readonly<Record<string, unknown>>,
): { ok: true; ack: AckMessage } | { ok: false; problem: string } {
  const { kind, key, version, at } = message;
  if (kind !== 'flag' && kind !== 'segment') return { ok: false, problem: '"kind" is "flag" or "segment"' };
  if (typeof key !== 'string' || key === '' || key.length > MAX_ACK_KEY_LENGTH) {
    return { ok: false, problem: `"key" is the item's key (1–${MAX_ACK_KEY_LENGTH} characters)` };
  }
  if (!isVersion(version)) return { ok: false, problem: '"version" is the applied version' };
  if (at !== undefined && !isTime(at)) return { ok: false, problem: '"at" is the frame\'s "at", echoed' };
  return { ok: true, ack: { action: 'ack', kind, key, version, ...(at === undefined ? {} : { at }) } };
}

/** Acks whose echoed commit time is further off than this carry no latency (a client's invention). */
const MAX_PLAUSIBLE_LATENCY_MS = 24 * 3_600_000;

/**
 * The stream event for an ack received at `receivedAt` (epoch ms, the server's clock): its latency
 * is measured on the server, so SDK clock skew plays no part. Undefined for a segment's ack
 * (receipts are kept for flags).
 */
export function ackEvent(ack: AckMessage, receivedAt: number): AckEvent | undefined {
  if (ack.kind !== 'flag') return undefined;
  const latency = ack.at === undefined ? undefined : receivedAt - ack.at;
  const plausible = latency !== undefined && latency >= -1_000 && latency <= MAX_PLAUSIBLE_LATENCY_MS;
  return {
    kind: 'ack',
    flag: ack.key,
    version: ack.version,
    ...(plausible ? { latencyMs: Math.max(0, latency) } : {}),
  };
}

/** A flag change a frame carries, as fan-out records how many connections it was posted to. */
export interface DeliveredChange {
  readonly key: string;
  readonly version: number;
  readonly sampleRate: number;
  readonly committedAt?: number | undefined;
}

/**
 * The flag changes with receipt fields among protocol v1 frames (a worker task carries frames, not
 * changes). Frames without receipt fields, refetches and segments yield nothing.
 */
export function receiptChanges(frames: readonly string[]): DeliveredChange[] {
  const out: DeliveredChange[] = [];
  for (const frame of frames) {
    // Cheap test first: most frames of most environments carry no receipt.
    if (!frame.includes('"ack":')) continue;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(frame) as Record<string, unknown>;
    } catch {
      continue;
    }
    const { type, kind, key, version, ack, at } = message;
    if ((type !== 'patch' && type !== 'delete') || kind !== 'flag' || typeof key !== 'string') continue;
    if (!isVersion(version) || typeof ack !== 'number') continue;
    out.push({ key, version, sampleRate: ack, ...(isTime(at) ? { committedAt: at } : {}) });
  }
  return out;
}
