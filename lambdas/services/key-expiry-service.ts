import type { Clock, ControlStore } from './ports.js';

/** Expiries handled per read. */
const PAGE = 100;

/**
 * Ends SDK key overlap windows: deletes every key whose `expiresAt` has passed, with its schedule
 * entry. Deleting the key's item is what revokes it everywhere: SDK routes stop finding it, and its
 * stream record makes the revoker close the connections opened with it. Run every minute.
 */
export class KeyExpiryService {
  constructor(
    private readonly store: Pick<ControlStore, 'dueKeyExpiries' | 'transact'>,
    private readonly clock: Clock,
  ) {}

  /**
   * Returns how many expiries it handled.
   *
   * @example
   * await new KeyExpiryService(new DynamoControlStore(client), { now: () => new Date() }).sweep();
   */
  async sweep(): Promise<number> {
    let handled = 0;
    for (;;) {
      const due = await this.store.dueKeyExpiries(this.clock.now().toISOString(), PAGE);
      for (const { hash, expiresAt } of due) {
        // Unconditional: an expiry is never extended, so the key is past its end whatever it holds
        // now, and deleting a key a rotation or a deletion already removed changes nothing.
        await this.store.transact(
          [{ ref: { kind: 'sdkKey', hash } }, { ref: { kind: 'keyExpiry', expiresAt, hash } }],
          [],
        );
        handled += 1;
      }
      if (due.length < PAGE) return handled;
    }
  }
}
