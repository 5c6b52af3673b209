import {
  accessOf,
  admits,
  type ConnectionCredential,
  type EnvironmentAccess,
} from '../domain/connection-access.js';
import type { ControlStore, EnvironmentLocator } from './ports.js';

/** Reads the credentials that admit connections to an environment now (`undefined`: deleted). */
export type AccessSource = (locator: EnvironmentLocator) => Promise<EnvironmentAccess | undefined>;

/** The access source on the control store: one strongly consistent read of the environment item. */
export const storeAccessSource =
  (store: Pick<ControlStore, 'get'>): AccessSource =>
  async ({ project, env }) =>
    accessOf(await store.get({ kind: 'environment', project, env }));

interface Held {
  readonly access: Promise<EnvironmentAccess | undefined>;
  /** When the read started (epoch ms). */
  readonly since: number;
}

/**
 * Each environment's access, read at most once per `ttlMs` and shared by every connection checked
 * meanwhile, so checking costs one read per environment, not one per connection. A connection
 * registered after the held read started (it may use a credential created since) that the held
 * access refuses is checked again on a fresh read, so a new key is never refused from the cache;
 * a revoked one may still pass for up to `ttlMs`, which the revoker closes anyway.
 *
 * @example
 * const access = new AccessCache(storeAccessSource(store), Date.now);
 * if (await access.admits(locator, connection)) await broadcaster.post(connection.connectionId, frame);
 */
export class AccessCache {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly source: AccessSource,
    private readonly now: () => number,
    private readonly ttlMs = 1_000,
  ) {}

  async admits(
    locator: EnvironmentLocator,
    connection: ConnectionCredential & { readonly connectedAt: number },
  ): Promise<boolean> {
    const id = `${locator.project}\u0000${locator.env}`;
    let held = this.held.get(id);
    if (!held || this.now() - held.since >= this.ttlMs) held = this.read(id, locator);
    const at = () => new Date(this.now()).toISOString();
    if (admits(await held.access, connection, at())) return true;
    if (connection.connectedAt < held.since) return false;
    const current = this.held.get(id);
    const fresh = current && current.since >= connection.connectedAt ? current : this.read(id, locator);
    return admits(await fresh.access, connection, at());
  }

  /**
   * Starts reading an environment's credentials unless a fresh read is held, so that a delivery's
   * first post does not wait for it after its slices are read.
   */
  warm(locator: EnvironmentLocator): void {
    const id = `${locator.project}\u0000${locator.env}`;
    const held = this.held.get(id);
    if (!held || this.now() - held.since >= this.ttlMs) this.read(id, locator);
  }

  private read(id: string, locator: EnvironmentLocator): Held {
    const held: Held = { access: this.source(locator), since: this.now() };
    // A failed read is not kept: the next check reads again.
    held.access.catch(() => {
      if (this.held.get(id) === held) this.held.delete(id);
    });
    this.held.set(id, held);
    return held;
  }
}
