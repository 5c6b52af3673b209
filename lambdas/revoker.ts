import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { removedCredentialFrom } from './adapters/dynamodb/stream-records.js';
import { errorAttributes, instrumented, logger } from './adapters/telemetry.js';
import {
  CONNECT_CREDENTIAL_TTL_MS,
  type DeliveryContainerOptions,
  revocationContainer,
} from './delivery-container.js';
import type { EnvironmentLocator } from './services/ports.js';
import { lazy } from './wiring.js';

export type RevokerHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface RevokerOptions extends DeliveryContainerOptions {
  /**
   * When to look again: a `$connect` that read the credential just before its removal registers
   * the connection after the first look, at most `credentialCacheTtlMs` (how long `$connect` holds
   * a lookup) plus the connect's own time later.
   * @default credentialCacheTtlMs ({@link CONNECT_CREDENTIAL_TTL_MS}: 0) + 2000
   */
  readonly repeatAfterMs?: number;
}

/**
 * The revoker on the flags table's stream (filtered to removed SDK key and client-side id items):
 * for each environment that lost a credential, closes every connection its current credentials no
 * longer admit (`DeleteConnection`), then looks once more after `repeatAfterMs`. An environment it
 * could not finish is reported from its first record, and Lambda retries from there; repeating a
 * revocation changes nothing.
 */
export function createRevokerHandler(options: RevokerOptions = {}): RevokerHandler {
  const service = lazy(() => revocationContainer(options));
  const repeatAfterMs =
    options.repeatAfterMs ?? (options.credentialCacheTtlMs ?? CONNECT_CREDENTIAL_TTL_MS) + 2_000;
  return async (event) => {
    const revoker = service();
    const environments = new Map<string, EnvironmentLocator & { sequence: string }>();
    for (const record of event.Records) {
      const removed = removedCredentialFrom(record);
      const id = removed && `${removed.project}\u0000${removed.env}`;
      if (removed && id && !environments.has(id)) environments.set(id, removed);
    }
    const failed = new Set<string>();
    const pass = () =>
      Promise.all(
        [...environments.values()].map(async (environment) => {
          try {
            const { project, env } = environment;
            const counts = await revoker.revoke({ project, env });
            if (counts.closed > 0) logger.info('revoked', { project, env, ...counts });
          } catch (error) {
            logger.error('revoker: could not close the connections', {
              env: environment.env,
              ...errorAttributes(error),
            });
            failed.add(environment.sequence);
          }
        }),
      );
    await pass();
    if (environments.size > 0 && repeatAfterMs > 0) {
      await sleep(repeatAfterMs);
      await pass();
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

export const handler = instrumented(createRevokerHandler());
