import { LATENCY_BOUNDS_MS, latencyPercentile, latencyRange } from '../domain/receipts.js';
import type { Deliveries } from '../domain/response-schemas.js';
import { NotFoundError } from '../errors.js';
import { liveEnvironment } from './environment-set.js';
import type { ControlStore, EnvironmentLocator } from './ports.js';
import type { ReceiptReader, StoredReceipt } from './receipt-ports.js';

/** How many of a flag's latest changes the deliveries route shows by default. */
export const DEFAULT_DELIVERIES = 10;

/** One stored receipt as the API shows it. */
export function deliveryOf(receipt: StoredReceipt): Deliveries['deliveries'][number] {
  const rate = receipt.sampleRate ?? null;
  // Sampled acks stand for `1 / rate` SDKs each; an estimate never claims more than were reached.
  const estimate = rate === null ? receipt.acks : Math.round(receipt.acks / rate);
  return {
    version: receipt.version,
    committedAt: receipt.committedAt === undefined ? null : new Date(receipt.committedAt).toISOString(),
    connected: receipt.connected,
    acks: receipt.acks,
    sampleRate: rate,
    applied: receipt.connected > 0 ? Math.min(estimate, receipt.connected) : estimate,
    latencyMs: {
      p50: latencyPercentile(receipt.histogram, 0.5),
      p90: latencyPercentile(receipt.histogram, 0.9),
      p99: latencyPercentile(receipt.histogram, 0.99),
    },
    latencyRangeMs: {
      p50: latencyRange(receipt.histogram, 0.5),
      p90: latencyRange(receipt.histogram, 0.9),
      p99: latencyRange(receipt.histogram, 0.99),
    },
    histogram: [...receipt.histogram],
  };
}

/**
 * A flag's delivery receipts in one environment: for each of its latest changes, how many
 * connections it was posted to, how many SDKs acknowledged applying it, and how fast.
 *
 * @example
 * await deliveries.list({ project: 'shop', env: 'production' }, 'checkout', 5);
 * // → { flag: 'checkout', environment: 'production', deliveries: [{ version: 7, connected: 1000, applied: 998, … }] }
 */
export class DeliveriesService {
  constructor(
    private readonly store: Pick<ControlStore, 'get'>,
    private readonly reader: ReceiptReader,
  ) {}

  async list(at: EnvironmentLocator, flag: string, limit = DEFAULT_DELIVERIES): Promise<Deliveries> {
    await liveEnvironment(this.store, at);
    const config = await this.store.get({ kind: 'flagConfig', ...at, flag });
    if (!config) throw new NotFoundError(`Flag "${flag}"`);
    const receipts = await this.reader.latest(at, flag, config.version, limit);
    return {
      flag,
      environment: at.env,
      bucketBoundsMs: [...LATENCY_BOUNDS_MS],
      deliveries: receipts.map(deliveryOf),
    };
  }
}
