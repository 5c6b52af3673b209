import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requiredSetting } from './adapters/config.js';
import { instrumented } from './adapters/telemetry.js';
import { bootstrapFromSecret } from './admin-token.js';
import { type ContainerOptions, managementWiring } from './container.js';
import { TokenRegistry } from './services/token-registry.js';

/** The Secrets Manager secret holding the first admin token (the stack sets it). */
const ADMIN_TOKEN_SECRET_VAR = 'ADMIN_TOKEN_SECRET_ARN';

export interface AdminTokenRegistrarOptions extends ContainerOptions {
  /** @default a client configured by the AWS SDK's environment */
  readonly secrets?: SecretsManagerClient;
  /** @default the `ADMIN_TOKEN_SECRET_ARN` setting */
  readonly adminTokenSecretArn?: string;
}

/**
 * The registrar's composition root: registers tokens whose secret the caller holds (the first admin
 * token, here at deployment, or by the local runtime at its first start). Its own module, so that
 * no management function's bundle carries it.
 */
export function tokenRegistry(options: ContainerOptions = {}): TokenRegistry {
  return new TokenRegistry(managementWiring(options).deps);
}

/**
 * The `admin-token-registrar` function, which the stack runs at deployment (a CDK trigger): reads the
 * admin token from its secret and registers it unless it is registered (a revoked one stays revoked).
 * It throws when it cannot, which fails the deployment. The event is ignored.
 *
 * @example
 * await createAdminTokenRegistrar({ adminTokenSecretArn: arn, secrets })();
 */
export function createAdminTokenRegistrar(options: AdminTokenRegistrarOptions = {}): () => Promise<void> {
  return async () => {
    const arn =
      options.adminTokenSecretArn ?? requiredSetting(ADMIN_TOKEN_SECRET_VAR, 'the admin token secret');
    await bootstrapFromSecret(options.secrets, arn, tokenRegistry(options));
  };
}

export const handler = instrumented(createAdminTokenRegistrar());
