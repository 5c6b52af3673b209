import { type AckMessage, ackEvent } from '../domain/receipts.js';
import type { EventSink } from './analytics-ports.js';
import type { ConnectionRecord, ConnectionStore } from './delivery-ports.js';
import type { Clock } from './ports.js';
import { RECEIPT_SETTINGS_TTL_MS, type ReceiptSettingsSource } from './receipt-ports.js';
import { TtlCache } from './ttl-cache.js';

/**
 * An ack's name on the analytics stream: one connection acknowledges one version of one item once,
 * so a copy of its record (a `PutRecord` retried after its answer was lost, or the SDK acking
 * again) claims the same part and the aggregator counts it once.
 */
export const ackPayloadId = (
  connectionId: string,
  ack: Pick<AckMessage, 'kind' | 'key' | 'version'>,
): string => `ack/${connectionId}/${ack.kind}/${ack.key}/${ack.version}`;

/**
 * `$default`'s `ack`: the environment comes from the connection's registration (never from the
 * frame, so an SDK can only acknowledge its own environment's changes), and the ack goes to the
 * analytics stream as a one-event envelope named by {@link ackPayloadId}; the aggregator adds acks
 * up per change. Anyone holding a client-side id can send acks, so an environment that has not
 * opted in to receipts has its acks ignored: they cost no stream record or write, and list no
 * delivery. Registrations are cached per container: an SDK acks every change on the same
 * connection.
 *
 * @example
 * await receipts.ack('AbC=', { action: 'ack', kind: 'flag', key: 'beta', version: 4, at: 1764000000000 });
 */
export class ReceiptService {
  private readonly registrations: TtlCache<ConnectionRecord>;
  private readonly optedIn: TtlCache<boolean>;

  constructor(
    private readonly connections: Pick<ConnectionStore, 'find'>,
    private readonly settings: ReceiptSettingsSource,
    private readonly sink: EventSink,
    private readonly clock: Clock,
    cacheTtlMs = 60_000,
  ) {
    this.registrations = new TtlCache(clock, cacheTtlMs, 10_000);
    this.optedIn = new TtlCache(clock, RECEIPT_SETTINGS_TTL_MS);
  }

  /**
   * Publishes the ack; 'unknown' for a connection that is not registered, 'ignored' for a segment's
   * ack or an environment without receipts (nothing published).
   */
  async ack(connectionId: string, ack: AckMessage): Promise<'published' | 'ignored' | 'unknown'> {
    const receivedAt = this.clock.now().getTime();
    const event = ackEvent(ack, receivedAt);
    if (!event) return 'ignored';
    const connection = await this.registrations.getOrLoad(connectionId, () =>
      this.connections.find(connectionId),
    );
    if (!connection) return 'unknown';
    const { project, env } = connection;
    const optedIn = await this.optedIn.getOrLoad(
      `${project}\u0000${env}`,
      async () => (await this.settings({ project, env }))?.enabled === true,
    );
    if (!optedIn) return 'ignored';
    const payloadId = ackPayloadId(connectionId, ack);
    await this.sink.publish([
      JSON.stringify({ v: 1, project, env, receivedAt, payloadId, part: 0, events: [event] }),
    ]);
    return 'published';
  }
}
