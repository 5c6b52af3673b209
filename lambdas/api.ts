import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsRequestHandler } from './adapters/client-options.js';
import { instrumentedHttp } from './adapters/telemetry.js';
import { bootstrapFromSecret } from './bootstrap.js';
import { apiContainer, type ContainerOptions } from './container.js';
import { apiRoutes } from './http/api-routes.js';
import { createApp, type HttpHandler } from './http/app.js';
import { lambdaHandler } from './http/lambda-handler.js';

export interface ApiHandlerOptions extends ContainerOptions {
  readonly secrets?: SecretsManagerClient;
  /** @default process.env.ADMIN_TOKEN_SECRET_ARN */
  readonly adminTokenSecretArn?: string | undefined;
}

/**
 * Builds the management API handler (API Gateway HTTP API, payload v2). On the first invocation it
 * registers the admin token from Secrets Manager when `ADMIN_TOKEN_SECRET_ARN` is set; a failure is
 * retried on the next invocation rather than cached.
 */
export function createApiHandler(options: ApiHandlerOptions = {}): HttpHandler {
  let serve: HttpHandler | undefined;
  let bootstrapped: Promise<void> | undefined;
  return async (event, context) => {
    if (!serve) {
      const container = apiContainer(options);
      serve = lambdaHandler(createApp('api', apiRoutes, container));
      const arn = options.adminTokenSecretArn ?? process.env.ADMIN_TOKEN_SECRET_ARN;
      if (arn)
        bootstrapped = bootstrapFromSecret(
          options.secrets ?? new SecretsManagerClient({ requestHandler: awsRequestHandler() }),
          arn,
          container.tokens,
        );
    }
    if (bootstrapped) {
      await bootstrapped.catch((error: unknown) => {
        bootstrapped = undefined;
        serve = undefined;
        throw error;
      });
    }
    return serve(event, context);
  };
}

export const handler = instrumentedHttp(createApiHandler());
