import { instrumented, logger } from './adapters/telemetry.js';
import { keyExpiryContainer } from './delivery-container.js';
import type { WiringOptions } from './wiring.js';
import { lazy } from './wiring.js';

export type KeyExpiryHandlerOptions = WiringOptions;

/**
 * The key-expiry sweep, run every minute by a schedule: deletes the SDK keys whose rotation overlap
 * has ended; the revoker then closes their connections. The event (a scheduled event) is ignored.
 */
export function createKeyExpiryHandler(
  options: KeyExpiryHandlerOptions = {},
): () => Promise<{ expired: number }> {
  const service = lazy(() => keyExpiryContainer(options));
  return async () => {
    const expired = await service().sweep();
    if (expired > 0) logger.info('key-expiry', { expired });
    return { expired };
  };
}

export const handler = instrumented(createKeyExpiryHandler());
