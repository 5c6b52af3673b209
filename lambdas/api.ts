import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsRequestHandler } from './adapters/client-options.js';
import { setting } from './adapters/config.js';
import { instrumentedHttp } from './adapters/telemetry.js';
import { bootstrapFromSecret } from './bootstrap.js';
import { apiContainer, type ContainerOptions } from './container.js';
import { apiRoutes } from './http/api-routes.js';
import { createApp, type HttpHandler } from './http/app.js';
import { lambdaHandler } from './http/lambda-handler.js';
import { lazy } from './wiring.js';

/** The Secrets Manager secret holding the bootstrap admin token (the stack sets it). */
const ADMIN_TOKEN_SECRET_VAR = 'ADMIN_TOKEN_SECRET_ARN';

export interface ApiHandlerOptions extends ContainerOptions {
  readonly secrets?: SecretsManagerClient;
  /** @default the `ADMIN_TOKEN_SECRET_ARN` setting */
  readonly adminTokenSecretArn?: string | undefined;
}

/**
 * Builds the management API handler (API Gateway HTTP API, payload v2). On the first invocation it
 * registers the admin token from Secrets Manager when `ADMIN_TOKEN_SECRET_ARN` is set; a failure is
 * retried on the next invocation rather than cached.
 */
export function createApiHandler(options: ApiHandlerOptions = {}): HttpHandler {
  const app = lazy(() => {
    const container = apiContainer(options);
    const arn = options.adminTokenSecretArn ?? setting(ADMIN_TOKEN_SECRET_VAR);
    return {
      serve: lambdaHandler(createApp('api', apiRoutes, container)),
      bootstrapped: arn
        ? bootstrapFromSecret(
            options.secrets ?? new SecretsManagerClient({ requestHandler: awsRequestHandler() }),
            arn,
            container.tokens,
          )
        : undefined,
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

export const handler = instrumentedHttp(createApiHandler());
