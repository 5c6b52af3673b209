import { verifySecureModeHash } from '../domain/secure-mode.js';
import type { Clock, ControlStore, EnvironmentLocator, EnvironmentRecord } from './ports.js';
import { TtlCache } from './ttl-cache.js';

/** Whether a browser's context may be evaluated: not in secure mode, or signed (see `domain/secure-mode.ts`). */
export type SecureModeVerdict = 'allowed' | 'hash_required' | 'invalid_hash';

/**
 * Checks secure mode for an environment. Environment records are cached for `ttlMs`, as credentials
 * are: turning secure mode on, or rotating a key out, takes effect within it.
 *
 * @example
 * await secureMode.check({ project: 'demo', env: 'production' }, context, hash); // → 'allowed'
 */
export class SecureModeService {
  private readonly environments: TtlCache<EnvironmentRecord>;

  constructor(
    private readonly store: Pick<ControlStore, 'get'>,
    private readonly clock: Clock,
    ttlMs = 5_000,
  ) {
    this.environments = new TtlCache(clock, ttlMs);
  }

  async check(
    locator: EnvironmentLocator,
    context: unknown,
    hash: string | undefined,
  ): Promise<SecureModeVerdict> {
    const id = `${locator.project}\u0000${locator.env}`;
    const record = await this.environments.getOrLoad(id, () =>
      this.store.get({ kind: 'environment', ...locator }),
    );
    if (record?.secureMode !== true) return 'allowed';
    if (hash === undefined || hash === '') return 'hash_required';
    const now = this.clock.now().toISOString();
    return verifySecureModeHash(hash, context, record.sdkKeys, now) ? 'allowed' : 'invalid_hash';
  }
}
