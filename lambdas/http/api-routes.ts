import { z } from 'zod';
import { insightsQuerySchema, insightsSchema, lastEvaluatedSchema } from '../domain/analytics-schemas.js';
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
import type { FlagService } from '../services/flag-service.js';
import type { InsightsService } from '../services/insights-service.js';
import type { Actor, AuditStore, TokenRecord } from '../services/ports.js';
import type { ProjectService } from '../services/project-service.js';
import { parseRequestContext } from '../services/request-context.js';
import type { SegmentService } from '../services/segment-service.js';
import type { TokenService } from '../services/token-service.js';
import { type RouteTable, route } from './route-table.js';

export interface ApiServices {
  readonly projects: ProjectService;
  readonly environments: EnvironmentService;
  readonly flags: FlagService;
  readonly segments: SegmentService;
  readonly audit: AuditStore;
  readonly tokens: TokenService;
  readonly evaluation: EvaluationService;
  readonly insights: InsightsService;
  readonly deliveries: DeliveriesService;
  readonly openapi: () => unknown;
}

type Params = Readonly<Record<string, string>>;

/** Management routes are declared with an API token, so the caller is always a token. */
function tokenOf(principal: Principal): TokenRecord {
  if (principal.kind !== 'apiToken') throw new ForbiddenError('Management routes need an API token');
  return principal;
}

function actorOf(principal: Principal): Actor {
  const { id, name } = tokenOf(principal);
  return { id, name };
}

const p = (params: Params, name: string): string => params[name] as string;
const at = (params: Params) => ({ project: p(params, 'project'), env: p(params, 'env') });
const withKey = ({ environment, sdkKey }: EnvironmentWithKey) => ({ ...environment, sdkKey });

const project = '/api/v1/projects/{project}';
const environment = `${project}/environments/{env}`;
const flag = `${project}/flags/{flag}`;
const segment = `${environment}/segments/{segment}`;

type Table = RouteTable<ApiServices>;

const patchBody = { schema: patchBodySchema, parse: parsePatchRequest };

/** Implementations of the `api` function's routes, keyed by the topology's route keys. */
export const apiRoutes: Table = {
  'GET /api/v1/openapi.json': route({ handle: async ({ services }) => services.openapi() }),

  'GET /api/v1/projects': route({
    query: pageQuerySchema,
    response: pageOf(projectSchema),
    handle: ({ services, query, principal }) => {
      const { projects } = tokenOf(principal);
      return services.projects.list(query, projects && Object.keys(projects));
    },
  }),
  'POST /api/v1/projects': route({
    body: createProjectSchema,
    response: projectSchema,
    status: 201,
    handle: ({ services, body, principal }) => services.projects.create(actorOf(principal), body),
  }),
  [`GET ${project}`]: route({
    response: projectSchema,
    handle: ({ services, params }) => services.projects.get(p(params, 'project')),
  }),
  [`PATCH ${project}`]: route({
    body: patchBody,
    response: projectSchema,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.projects.patch(actorOf(principal), p(params, 'project'), body, ifMatch),
  }),
  [`DELETE ${project}`]: route({
    status: 204,
    handle: ({ services, params, principal }) =>
      services.projects.delete(actorOf(principal), p(params, 'project')),
  }),

  [`GET ${project}/environments`]: route({
    response: z.object({ items: z.array(environmentSchema) }),
    handle: async ({ services, params }) => ({
      items: await services.environments.list(p(params, 'project')),
    }),
  }),
  [`POST ${project}/environments`]: route({
    body: createEnvironmentSchema,
    response: environmentWithKeySchema,
    status: 201,
    handle: async ({ services, params, body, principal }) =>
      withKey(await services.environments.create(actorOf(principal), p(params, 'project'), body)),
  }),
  [`GET ${environment}`]: route({
    response: environmentSchema,
    handle: ({ services, params }) => services.environments.get(p(params, 'project'), p(params, 'env')),
  }),
  [`PATCH ${environment}`]: route({
    body: patchBody,
    response: environmentSchema,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.environments.patch(actorOf(principal), p(params, 'project'), p(params, 'env'), body, ifMatch),
  }),
  [`DELETE ${environment}`]: route({
    status: 204,
    handle: ({ services, params, principal }) =>
      services.environments.delete(actorOf(principal), p(params, 'project'), p(params, 'env')),
  }),
  [`POST ${environment}/keys/rotate`]: route({
    body: rotateKeysSchema,
    response: environmentWithKeySchema,
    handle: async ({ services, params, body, principal }) =>
      withKey(
        await services.environments.rotate(
          actorOf(principal),
          p(params, 'project'),
          p(params, 'env'),
          body.expiryHours,
        ),
      ),
  }),

  [`GET ${project}/flags`]: route({
    query: flagListQuerySchema,
    response: pageOf(
      flagFieldsSchema.extend({
        version: z.number(),
        createdAt: z.string(),
        lastEvaluated: lastEvaluatedSchema,
        environments: flagStatesSchema,
      }),
    ),
    handle: async ({ services, params, query }) => {
      const page = await services.flags.list(p(params, 'project'), query);
      const last = await services.insights.lastEvaluated(
        p(params, 'project'),
        page.items.map((f) => f.key),
      );
      return { ...page, items: page.items.map((f) => ({ ...f, lastEvaluated: last.get(f.key) ?? {} })) };
    },
  }),
  [`POST ${project}/flags`]: route({
    body: createFlagSchema,
    response: flagResourceSchema,
    status: 201,
    handle: ({ services, params, body, principal }) =>
      services.flags.create(actorOf(principal), p(params, 'project'), body),
  }),
  [`GET ${flag}`]: route({
    query: envQuerySchema,
    response: flagResourceSchema.extend({ lastEvaluated: lastEvaluatedSchema }),
    handle: async ({ services, params, query }) => {
      const flag = await services.flags.get(p(params, 'project'), p(params, 'flag'), query.env);
      const last = await services.insights.lastEvaluated(p(params, 'project'), [flag.key], query.env);
      return { ...flag, lastEvaluated: last.get(flag.key) ?? {} };
    },
  }),
  [`GET ${environment}/flags/{flag}/insights`]: route({
    query: insightsQuerySchema,
    response: insightsSchema,
    handle: ({ services, params, query }) => services.insights.insights(at(params), p(params, 'flag'), query),
  }),
  [`PATCH ${flag}`]: route({
    query: envQuerySchema,
    body: patchBody,
    response: flagResourceSchema,
    handle: ({ services, params, query, body, principal, ifMatch }) =>
      services.flags.patch(actorOf(principal), p(params, 'project'), p(params, 'flag'), body, {
        env: query.env,
        ifMatch,
      }),
  }),
  [`DELETE ${flag}`]: route({
    status: 204,
    handle: ({ services, params, principal }) =>
      services.flags.delete(actorOf(principal), p(params, 'project'), p(params, 'flag')),
  }),

  [`GET ${environment}/segments`]: route({
    query: pageQuerySchema,
    response: pageOf(segmentResourceSchema),
    handle: ({ services, params, query }) => services.segments.list(at(params), query),
  }),
  [`POST ${environment}/segments`]: route({
    body: createSegmentSchema,
    response: segmentResourceSchema,
    status: 201,
    handle: ({ services, params, body, principal }) =>
      services.segments.create(actorOf(principal), at(params), body),
  }),
  [`GET ${segment}`]: route({
    response: segmentResourceSchema,
    handle: ({ services, params }) => services.segments.get(at(params), p(params, 'segment')),
  }),
  [`PATCH ${segment}`]: route({
    body: patchBody,
    response: segmentResourceSchema,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.segments.patch(actorOf(principal), at(params), p(params, 'segment'), body, ifMatch),
  }),
  [`DELETE ${segment}`]: route({
    status: 204,
    handle: ({ services, params, principal }) =>
      services.segments.delete(actorOf(principal), at(params), p(params, 'segment')),
  }),

  [`GET ${project}/audit`]: route({
    query: auditQuerySchema,
    response: pageOf(auditEntrySchema),
    handle: async ({ services, params, query }) => {
      const projectKey = p(params, 'project');
      await services.projects.get(projectKey);
      return services.audit.list({ project: projectKey, flag: query.flag, env: query.env }, query);
    },
  }),
  [`POST ${environment}/evaluate`]: route({
    body: contextSchema,
    response: evaluateResponseSchema,
    handle: ({ services, params, body }) =>
      services.evaluation.evaluateAll(at(params), parseRequestContext(body), {}),
  }),

  'GET /api/v1/tokens': route({
    query: pageQuerySchema,
    response: pageOf(tokenSchema),
    handle: ({ services, query }) => services.tokens.list(query),
  }),
  'POST /api/v1/tokens': route({
    body: createTokenSchema,
    response: tokenWithSecretSchema,
    status: 201,
    handle: ({ services, body, principal }) => services.tokens.create(actorOf(principal), body),
  }),
  'DELETE /api/v1/tokens/{token}': route({
    status: 204,
    handle: ({ services, params, principal }) =>
      services.tokens.revoke(actorOf(principal), p(params, 'token')),
  }),
  'GET /api/v1/me': route({
    response: meSchema,
    handle: async ({ principal }) => {
      const { id, name, role, projects, expiresAt } = tokenOf(principal);
      return { id, name, role, projects, expiresAt };
    },
  }),
  'POST /api/v1/tokens/{token}/rotate': route({
    body: rotateTokenSchema,
    response: tokenWithSecretSchema,
    handle: ({ services, params, body, principal }) =>
      services.tokens.rotate(actorOf(principal), p(params, 'token'), body.expiryHours),
  }),
  'GET /api/v1/audit': route({
    query: pageQuerySchema,
    response: pageOf(globalAuditEntrySchema),
    handle: ({ services, query }) => services.audit.listGlobal(query),
  }),
  [`GET ${environment}/flags/{flag}/deliveries`]: route({
    // zod/mini schemas: the route table's types still name classic zod's (one runtime for both).
    query: deliveriesQuerySchema as unknown as z.ZodType<{ limit?: number | undefined }>,
    response: deliveriesSchema as unknown as z.ZodType,
    handle: ({ services, params, query }) =>
      services.deliveries.list(at(params), p(params, 'flag'), query.limit),
  }),
};
