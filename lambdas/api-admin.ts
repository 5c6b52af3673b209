import { DynamoAuditStore } from './adapters/dynamodb/audit-store.js';
import { instrumentedHttp } from './adapters/telemetry.js';
import { type ApiHandlerOptions, createManagementHandler } from './api.js';
import { type ContainerOptions, type ManagementContainer, managementWiring } from './container.js';
import { type AdminServices, adminRoutes } from './http/api-admin-routes.js';
import type { HttpHandler } from './http/app.js';
import { EnvironmentService } from './services/environment-service.js';
import { ProjectService } from './services/project-service.js';
import { TokenService } from './services/token-service.js';

/** The `api-admin` function's composition root: projects, environments, keys and API tokens. */
export function adminContainer(options: ContainerOptions = {}): ManagementContainer<AdminServices> {
  const { client, deps, auth } = managementWiring(options);
  const services: AdminServices = {
    projects: new ProjectService(deps),
    environments: new EnvironmentService(deps),
    tokens: new TokenService(deps, (hash) => auth.forgetToken(hash)),
    audit: new DynamoAuditStore(client),
  };
  return { services, auth };
}

/**
 * Builds the `api-admin` function's handler (see `createManagementHandler`).
 *
 * @example
 * const handler = createAdminHandler({ client: localDocumentClient });
 */
export function createAdminHandler(options: ApiHandlerOptions = {}): HttpHandler {
  return createManagementHandler('api-admin', adminRoutes, adminContainer, options);
}

export const handler = instrumentedHttp(createAdminHandler());
