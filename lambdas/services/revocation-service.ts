import pLimit from 'p-limit';
import { admits } from '../domain/connection-access.js';
import { allSlices, CONNECTION_SLICES } from '../domain/connection-slices.js';
import type { ConnectionCloser, ConnectionStore } from './delivery-ports.js';
import type { AccessSource } from './environment-access.js';
import type { EnvironmentLocator } from './ports.js';
import { settleAll } from './settle-all.js';

export interface RevocationOptions {
  /** Slices per environment (the connections table layout). @default CONNECTION_SLICES */
  readonly slices?: number;
  /** `DeleteConnection` calls in flight. @default 32 */
  readonly concurrency?: number;
  readonly now?: () => number;
}

/** What one revocation did: connections closed (or found gone) and removed, and connections kept. */
export interface RevocationCounts {
  closed: number;
  kept: number;
}

/**
 * Closes the connections a credential change left without a credential: reads the environment's
 * current access once (uncached), then every connection of the environment, and closes and removes
 * each one the access no longer admits (a rotated-away, expired or deleted credential, or an
 * environment that is gone). Repeating it changes nothing.
 */
export class RevocationService {
  private readonly slices: number;
  private readonly concurrency: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ConnectionStore,
    private readonly closer: ConnectionCloser,
    private readonly access: AccessSource,
    options: RevocationOptions = {},
  ) {
    this.slices = options.slices ?? CONNECTION_SLICES;
    this.concurrency = options.concurrency ?? 32;
    this.now = options.now ?? Date.now;
  }

  /**
   * @example
   * await revocation.revoke({ project: 'shop', env: 'production' }); // after its key was rotated away
   */
  async revoke(locator: EnvironmentLocator): Promise<RevocationCounts> {
    const access = await this.access(locator);
    const now = new Date(this.now()).toISOString();
    const counts: RevocationCounts = { closed: 0, kept: 0 };
    const limit = pLimit(this.concurrency);
    const close = async (connectionId: string) => {
      await this.closer.close(connectionId);
      // `$disconnect` removes it too; removing it here does not depend on that.
      await this.store.unregister(connectionId);
      counts.closed += 1;
    };
    await settleAll(
      allSlices(this.slices).map(async (slice) => {
        let startAfter: string | undefined;
        do {
          const page = await this.store.listSlice(locator, slice, { startAfter });
          const refused = page.connections.filter((c) => !admits(access, c, now));
          counts.kept += page.connections.length - refused.length;
          await settleAll(refused.map((c) => limit(() => close(c.connectionId))));
          startAfter = page.next;
        } while (startAfter !== undefined);
      }),
    );
    return counts;
  }
}
