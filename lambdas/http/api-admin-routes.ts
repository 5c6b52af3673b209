import {
  createEnvironmentSchema,
  createProjectSchema,
  pageQuerySchema,
  rotateKeysSchema,
} from '../domain/schemas.js';
import { createTokenSchema, rotateTokenSchema } from '../domain/token-schemas.js';
import type { EnvironmentService, EnvironmentWithKey } from '../services/environment-service.js';
import type { AuditStore } from '../services/ports.js';
import type { ProjectService } from '../services/project-service.js';
import type { TokenService } from '../services/token-service.js';
import { actorOf, environment, project, tokenOf } from './api-common.js';
import { patchBody } from './patch-body.js';
import { type RouteTable, routesOf } from './route-table.js';
import { validated } from './validated.js';

export interface AdminServices {
  readonly projects: ProjectService;
  readonly environments: EnvironmentService;
  readonly tokens: TokenService;
  readonly audit: Pick<AuditStore, 'listGlobal'>;
}

const withKey = ({ environment, sdkKey }: EnvironmentWithKey) => ({ ...environment, sdkKey });

const on = routesOf<AdminServices>();

/** Implementations of the `api-admin` function's routes: projects, environments, keys and API tokens. */
export const adminRoutes: RouteTable<AdminServices> = {
  ...on('GET /api/v1/projects', {
    query: validated(pageQuerySchema),
    handle: ({ services, query, principal }) => {
      const { projects } = tokenOf(principal);
      return services.projects.list(query, projects && Object.keys(projects));
    },
  }),
  ...on('POST /api/v1/projects', {
    body: validated(createProjectSchema),
    status: 201,
    handle: ({ services, body, principal }) => services.projects.create(actorOf(principal), body),
  }),
  ...on(`GET ${project}`, {
    handle: ({ services, params }) => services.projects.get(params.project),
  }),
  ...on(`PATCH ${project}`, {
    body: patchBody,
    ifMatch: true,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.projects.patch(actorOf(principal), params.project, body, ifMatch),
  }),
  ...on(`DELETE ${project}`, {
    status: 204,
    ifMatch: true,
    handle: ({ services, params, principal, ifMatch }) =>
      services.projects.delete(actorOf(principal), params.project, ifMatch),
  }),

  ...on(`GET ${project}/environments`, {
    handle: async ({ services, params }) => ({
      items: await services.environments.list(params.project),
    }),
  }),
  ...on(`POST ${project}/environments`, {
    body: validated(createEnvironmentSchema),
    status: 201,
    handle: async ({ services, params, body, principal }) =>
      withKey(await services.environments.create(actorOf(principal), params.project, body)),
  }),
  ...on(`GET ${environment}`, {
    handle: ({ services, params }) => services.environments.get(params.project, params.env),
  }),
  ...on(`PATCH ${environment}`, {
    body: patchBody,
    ifMatch: true,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.environments.patch(actorOf(principal), params.project, params.env, body, ifMatch),
  }),
  ...on(`DELETE ${environment}`, {
    status: 204,
    ifMatch: true,
    handle: ({ services, params, principal, ifMatch }) =>
      services.environments.delete(actorOf(principal), params.project, params.env, ifMatch),
  }),
  ...on(`POST ${environment}/keys/rotate`, {
    body: validated(rotateKeysSchema),
    handle: async ({ services, params, body, principal }) =>
      withKey(
        await services.environments.rotate(actorOf(principal), params.project, params.env, body.expiryHours),
      ),
  }),

  ...on('GET /api/v1/tokens', {
    query: validated(pageQuerySchema),
    handle: ({ services, query }) => services.tokens.list(query),
  }),
  ...on('POST /api/v1/tokens', {
    body: validated(createTokenSchema),
    status: 201,
    handle: ({ services, body, principal }) => services.tokens.create(actorOf(principal), body),
  }),
  ...on('DELETE /api/v1/tokens/{token}', {
    status: 204,
    handle: ({ services, params, principal }) => services.tokens.revoke(actorOf(principal), params.token),
  }),
  ...on('GET /api/v1/me', {
    handle: async ({ principal }) => {
      const { id, name, role, projects, expiresAt } = tokenOf(principal);
      return { id, name, role, projects, expiresAt };
    },
  }),
  ...on('POST /api/v1/tokens/{token}/rotate', {
    body: validated(rotateTokenSchema),
    handle: ({ services, params, body, principal }) =>
      services.tokens.rotate(actorOf(principal), params.token, body.expiryHours),
  }),
  ...on('GET /api/v1/audit', {
    query: validated(pageQuerySchema),
    handle: ({ services, query }) => services.audit.listGlobal(query),
  }),
};
