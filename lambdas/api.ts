import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { FunctionName } from '@switchboard/topology';
import { setting } from './adapters/config.js';
import { bootstrapFromSecret } from './admin-token.js';
import type { ContainerOptions, ManagementContainer } from './container.js';
import { createHttpHandler, type HttpHandler } from './http/app.js';
import type { RouteTable } from './http/route-table.js';
import { lazy } from './wiring.js';

/** The Secrets Manager secret holding the bootstrap admin token (the stack sets it). */
const ADMIN_TOKEN_SECRET_VAR = 'ADMIN_TOKEN_SECRET_ARN';

export interface ApiHandlerOptions extends ContainerOptions {
  /** @default a client configured by the AWS SDK's environment */
  readonly secrets?: SecretsManagerClient;
  /** @default the `ADMIN_TOKEN_SECRET_ARN` setting */
  readonly adminTokenSecretArn?: string | undefined;
}

/**
 * Builds the handler (API Gateway HTTP API, payload v2) of one management API function: its routes,
 * its container. On the first invocation it registers the admin token from Secrets Manager when
 * `ADMIN_TOKEN_SECRET_ARN` is set (every management function does: the operator's first call may
 * reach any of them); a failure is retried on the next invocation rather than cached.
 *
 * @example
 * export const handler = instrumentedHttp(
 *   createManagementHandler('api-admin', adminRoutes, adminContainer),
 * );
 */
export function createManagementHandler<S>(
  fn: FunctionName,
  routes: RouteTable<S>,
  container: (options: ContainerOptions) => ManagementContainer<S>,
  options: ApiHandlerOptions = {},
): HttpHandler {
  const app = lazy(() => {
    const built = container(options);
    const arn = options.adminTokenSecretArn ?? setting(ADMIN_TOKEN_SECRET_VAR);
    return {
      serve: createHttpHandler(fn, routes, built),
      bootstrapped: arn ? bootstrapFromSecret(options.secrets, arn, built.tokens) : undefined,
    };
  });
  return async (event, context) => {
    const { serve, bootstrapped } = app();
    await bootstrapped?.catch((error: unknown) => {
      app.forget();
      throw error;
    });
    return serve(event, context);
  };
}
