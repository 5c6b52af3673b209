import * as z from 'zod/mini';
import { insightsQuerySchema, insightsSchema, lastEvaluatedSchema } from '../domain/analytics-schemas.js';
import {
  eventCountsPageSchema,
  eventCountsQuerySchema,
  eventSeriesQuerySchema,
  eventSeriesSchema,
} from '../domain/event-schemas.js';
import { parsePatchRequest } from '../domain/patch-request.js';
import { deliveriesQuerySchema, deliveriesSchema } from '../domain/receipt-schemas.js';
import {
  auditEntrySchema,
  auditQuerySchema,
  contextSchema,
  createEnvironmentSchema,
  createFlagSchema,
  createProjectSchema,
  createSegmentSchema,
  createTokenSchema,
  environmentSchema,
  environmentWithKeySchema,
  envQuerySchema,
  evaluateResponseSchema,
  flagFieldsSchema,
  flagListQuerySchema,
  flagResourceSchema,
  flagStatesSchema,
  globalAuditEntrySchema,
  meSchema,
  pageOf,
  pageQuerySchema,
  patchBodySchema,
  projectSchema,
  rotateKeysSchema,
  rotateTokenSchema,
  segmentResourceSchema,
  tokenSchema,
  tokenWithSecretSchema,
} from '../domain/schemas.js';
import { ForbiddenError } from '../errors.js';
import type { Principal } from '../services/auth-service.js';
import type { DeliveriesService } from '../services/deliveries-service.js';
import type { EnvironmentService, EnvironmentWithKey } from '../services/environment-service.js';
import type { EvaluationService } from '../services/evaluation-service.js';
import type { EventsService } from '../services/events-service.js';
import type { FlagService } from '../services/flag-service.js';
import type { InsightsService } from '../services/insights-service.js';
import type { Actor, AuditStore, TokenRecord } from '../services/ports.js';
import type { ProjectService } from '../services/project-service.js';
import { parseRequestContext } from '../services/request-context.js';
import type { SegmentService } from '../services/segment-service.js';
import type { TokenService } from '../services/token-service.js';
import { type RouteTable, routesOf } from './route-table.js';

export interface ApiServices {
  readonly projects: ProjectService;
  readonly environments: EnvironmentService;
  readonly flags: FlagService;
  readonly segments: SegmentService;
  readonly audit: AuditStore;
  readonly tokens: TokenService;
  readonly evaluation: EvaluationService;
  readonly insights: InsightsService;
  readonly events: EventsService;
  readonly deliveries: DeliveriesService;
  readonly openapi: () => unknown;
}

/** Management routes are declared with an API token, so the caller is always a token. */
function tokenOf(principal: Principal): TokenRecord {
  if (principal.kind !== 'apiToken') throw new ForbiddenError('Management routes need an API token');
  return principal;
}

function actorOf(principal: Principal): Actor {
  const { id, name } = tokenOf(principal);
  return { id, name };
}

/** The environment a route's path names. */
const at = ({ project, env }: { readonly project: string; readonly env: string }) => ({ project, env });
const withKey = ({ environment, sdkKey }: EnvironmentWithKey) => ({ ...environment, sdkKey });

const project = '/api/v1/projects/{project}';
const environment = `${project}/environments/{env}`;
const flag = `${project}/flags/{flag}`;
const segment = `${environment}/segments/{segment}`;

type Table = RouteTable<ApiServices>;
const on = routesOf<ApiServices>();

const patchBody = { schema: patchBodySchema, parse: parsePatchRequest };

/** Implementations of the `api` function's routes, keyed by the topology's route keys. */
export const apiRoutes: Table = {
  ...on('GET /api/v1/openapi.json', { handle: async ({ services }) => services.openapi() }),

  ...on('GET /api/v1/projects', {
    query: pageQuerySchema,
    response: pageOf(projectSchema),
    handle: ({ services, query, principal }) => {
      const { projects } = tokenOf(principal);
      return services.projects.list(query, projects && Object.keys(projects));
    },
  }),
  ...on('POST /api/v1/projects', {
    body: createProjectSchema,
    response: projectSchema,
    status: 201,
    handle: ({ services, body, principal }) => services.projects.create(actorOf(principal), body),
  }),
  ...on(`GET ${project}`, {
    response: projectSchema,
    handle: ({ services, params }) => services.projects.get(params.project),
  }),
  ...on(`PATCH ${project}`, {
    body: patchBody,
    response: projectSchema,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.projects.patch(actorOf(principal), params.project, body, ifMatch),
  }),
  ...on(`DELETE ${project}`, {
    status: 204,
    handle: ({ services, params, principal }) => services.projects.delete(actorOf(principal), params.project),
  }),

  ...on(`GET ${project}/environments`, {
    response: z.object({ items: z.array(environmentSchema) }),
    handle: async ({ services, params }) => ({
      items: await services.environments.list(params.project),
    }),
  }),
  ...on(`POST ${project}/environments`, {
    body: createEnvironmentSchema,
    response: environmentWithKeySchema,
    status: 201,
    handle: async ({ services, params, body, principal }) =>
      withKey(await services.environments.create(actorOf(principal), params.project, body)),
  }),
  ...on(`GET ${environment}`, {
    response: environmentSchema,
    handle: ({ services, params }) => services.environments.get(params.project, params.env),
  }),
  ...on(`PATCH ${environment}`, {
    body: patchBody,
    response: environmentSchema,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.environments.patch(actorOf(principal), params.project, params.env, body, ifMatch),
  }),
  ...on(`DELETE ${environment}`, {
    status: 204,
    handle: ({ services, params, principal }) =>
      services.environments.delete(actorOf(principal), params.project, params.env),
  }),
  ...on(`POST ${environment}/keys/rotate`, {
    body: rotateKeysSchema,
    response: environmentWithKeySchema,
    handle: async ({ services, params, body, principal }) =>
      withKey(
        await services.environments.rotate(actorOf(principal), params.project, params.env, body.expiryHours),
      ),
  }),

  ...on(`GET ${project}/flags`, {
    query: flagListQuerySchema,
    response: pageOf(
      z.extend(flagFieldsSchema, {
        version: z.number(),
        createdAt: z.string(),
        lastEvaluated: lastEvaluatedSchema,
        environments: flagStatesSchema,
      }),
    ),
    handle: async ({ services, params, query }) => {
      const page = await services.flags.list(params.project, query);
      const last = await services.insights.lastEvaluated(
        params.project,
        page.items.map((f) => f.key),
      );
      return { ...page, items: page.items.map((f) => ({ ...f, lastEvaluated: last.get(f.key) ?? {} })) };
    },
  }),
  ...on(`POST ${project}/flags`, {
    body: createFlagSchema,
    response: flagResourceSchema,
    status: 201,
    handle: ({ services, params, body, principal }) =>
      services.flags.create(actorOf(principal), params.project, body),
  }),
  ...on(`GET ${flag}`, {
    query: envQuerySchema,
    response: z.extend(flagResourceSchema, { lastEvaluated: lastEvaluatedSchema }),
    handle: async ({ services, params, query }) => {
      const flag = await services.flags.get(params.project, params.flag, query.env);
      const last = await services.insights.lastEvaluated(params.project, [flag.key], query.env);
      return { ...flag, lastEvaluated: last.get(flag.key) ?? {} };
    },
  }),
  ...on(`GET ${environment}/flags/{flag}/insights`, {
    query: insightsQuerySchema,
    response: insightsSchema,
    handle: ({ services, params, query }) => services.insights.insights(at(params), params.flag, query),
  }),
  ...on(`GET ${environment}/events`, {
    query: eventCountsQuerySchema,
    response: eventCountsPageSchema,
    handle: ({ services, params, query }) => services.events.list(at(params), query),
  }),
  ...on(`GET ${environment}/events/{eventKey}`, {
    query: eventSeriesQuerySchema,
    response: eventSeriesSchema,
    handle: ({ services, params, query }) => services.events.series(at(params), params.eventKey, query),
  }),
  ...on(`PATCH ${flag}`, {
    query: envQuerySchema,
    body: patchBody,
    response: flagResourceSchema,
    handle: ({ services, params, query, body, principal, ifMatch }) =>
      services.flags.patch(actorOf(principal), params.project, params.flag, body, {
        env: query.env,
        ifMatch,
      }),
  }),
  ...on(`DELETE ${flag}`, {
    status: 204,
    handle: ({ services, params, principal }) =>
      services.flags.delete(actorOf(principal), params.project, params.flag),
  }),

  ...on(`GET ${environment}/segments`, {
    query: pageQuerySchema,
    response: pageOf(segmentResourceSchema),
    handle: ({ services, params, query }) => services.segments.list(at(params), query),
  }),
  ...on(`POST ${environment}/segments`, {
    body: createSegmentSchema,
    response: segmentResourceSchema,
    status: 201,
    handle: ({ services, params, body, principal }) =>
      services.segments.create(actorOf(principal), at(params), body),
  }),
  ...on(`GET ${segment}`, {
    response: segmentResourceSchema,
    handle: ({ services, params }) => services.segments.get(at(params), params.segment),
  }),
  ...on(`PATCH ${segment}`, {
    body: patchBody,
    response: segmentResourceSchema,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.segments.patch(actorOf(principal), at(params), params.segment, body, ifMatch),
  }),
  ...on(`DELETE ${segment}`, {
    status: 204,
    handle: ({ services, params, principal }) =>
      services.segments.delete(actorOf(principal), at(params), params.segment),
  }),

  ...on(`GET ${project}/audit`, {
    query: auditQuerySchema,
    response: pageOf(auditEntrySchema),
    handle: async ({ services, params, query }) => {
      const projectKey = params.project;
      await services.projects.get(projectKey);
      return services.audit.list({ project: projectKey, flag: query.flag, env: query.env }, query);
    },
  }),
  ...on(`POST ${environment}/evaluate`, {
    body: contextSchema,
    response: evaluateResponseSchema,
    handle: ({ services, params, body }) =>
      services.evaluation.evaluateAll(at(params), parseRequestContext(body), {}),
  }),

  ...on('GET /api/v1/tokens', {
    query: pageQuerySchema,
    response: pageOf(tokenSchema),
    handle: ({ services, query }) => services.tokens.list(query),
  }),
  ...on('POST /api/v1/tokens', {
    body: createTokenSchema,
    response: tokenWithSecretSchema,
    status: 201,
    handle: ({ services, body, principal }) => services.tokens.create(actorOf(principal), body),
  }),
  ...on('DELETE /api/v1/tokens/{token}', {
    status: 204,
    handle: ({ services, params, principal }) => services.tokens.revoke(actorOf(principal), params.token),
  }),
  ...on('GET /api/v1/me', {
    response: meSchema,
    handle: async ({ principal }) => {
      const { id, name, role, projects, expiresAt } = tokenOf(principal);
      return { id, name, role, projects, expiresAt };
    },
  }),
  ...on('POST /api/v1/tokens/{token}/rotate', {
    body: rotateTokenSchema,
    response: tokenWithSecretSchema,
    handle: ({ services, params, body, principal }) =>
      services.tokens.rotate(actorOf(principal), params.token, body.expiryHours),
  }),
  ...on('GET /api/v1/audit', {
    query: pageQuerySchema,
    response: pageOf(globalAuditEntrySchema),
    handle: ({ services, query }) => services.audit.listGlobal(query),
  }),
  ...on(`GET ${environment}/flags/{flag}/deliveries`, {
    query: deliveriesQuerySchema,
    response: deliveriesSchema,
    handle: ({ services, params, query }) => services.deliveries.list(at(params), params.flag, query.limit),
  }),
};
