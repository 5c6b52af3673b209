import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sharedDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoControlStore } from './adapters/dynamodb/control-store.js';
import { instrumented, logger } from './adapters/telemetry.js';
import { KeyExpiryService } from './services/key-expiry-service.js';
import type { Clock } from './services/ports.js';

export interface KeyExpiryHandlerOptions {
  readonly client?: DynamoDBDocumentClient;
  readonly clock?: Clock;
}

/**
 * The key-expiry sweep, run every minute by a schedule: deletes the SDK keys whose rotation overlap
 * has ended; the revoker then closes their connections. The event (a scheduled event) is ignored.
 */
export function createKeyExpiryHandler(
  options: KeyExpiryHandlerOptions = {},
): () => Promise<{ expired: number }> {
  let service: KeyExpiryService | undefined;
  return async () => {
    service ??= new KeyExpiryService(
      new DynamoControlStore(options.client ?? sharedDocumentClient()),
      options.clock ?? { now: () => new Date() },
    );
    const expired = await service.sweep();
    if (expired > 0) logger.info('key-expiry', { expired });
    return { expired };
  };
}

export const handler = instrumented(createKeyExpiryHandler());
