import {
  copyFlagSchema,
  createFlagSchema,
  createSegmentSchema,
  envQuerySchema,
  flagListQuerySchema,
  pageQuerySchema,
} from '../domain/schemas.js';
import type { FlagService } from '../services/flag-service.js';
import type { LastEvaluatedService } from '../services/last-evaluated-service.js';
import type { SegmentService } from '../services/segment-service.js';
import { actorOf, at, environment, flag, project, segment } from './api-common.js';
import { patchBody } from './patch-body.js';
import { type RouteTable, routesOf } from './route-table.js';
import { validated } from './validated.js';

export interface AuthoringServices {
  readonly flags: FlagService;
  readonly segments: SegmentService;
  readonly lastEvaluated: LastEvaluatedService;
}

const on = routesOf<AuthoringServices>();

/** Implementations of the `api-authoring` function's routes: flags and segments. */
export const authoringRoutes: RouteTable<AuthoringServices> = {
  ...on(`GET ${project}/flags`, {
    query: validated(flagListQuerySchema),
    handle: async ({ services, params, query }) => {
      const page = await services.flags.list(params.project, query);
      const last = await services.lastEvaluated.byFlag(
        params.project,
        page.items.map((f) => f.key),
      );
      return { ...page, items: page.items.map((f) => ({ ...f, lastEvaluated: last.get(f.key) ?? {} })) };
    },
  }),
  ...on(`POST ${project}/flags`, {
    body: validated(createFlagSchema),
    status: 201,
    handle: ({ services, params, body, principal }) =>
      services.flags.create(actorOf(principal), params.project, body),
  }),
  ...on(`GET ${flag}`, {
    query: validated(envQuerySchema),
    handle: async ({ services, params, query }) => {
      const flag = await services.flags.get(params.project, params.flag, query.env);
      const last = await services.lastEvaluated.byFlag(params.project, [flag.key], query.env);
      return { ...flag, lastEvaluated: last.get(flag.key) ?? {} };
    },
  }),
  ...on(`PATCH ${flag}`, {
    query: validated(envQuerySchema),
    body: patchBody,
    ifMatch: true,
    handle: ({ services, params, query, body, principal, ifMatch }) =>
      services.flags.patch(actorOf(principal), params.project, params.flag, body, {
        env: query.env,
        ifMatch,
      }),
  }),
  ...on(`DELETE ${flag}`, {
    status: 204,
    ifMatch: true,
    handle: ({ services, params, principal, ifMatch }) =>
      services.flags.delete(actorOf(principal), params.project, params.flag, ifMatch),
  }),
  ...on(`POST ${flag}/copy`, {
    body: validated(copyFlagSchema),
    handle: ({ services, params, body, principal }) =>
      services.flags.copy(actorOf(principal), params.project, params.flag, body),
  }),

  ...on(`GET ${environment}/segments`, {
    query: validated(pageQuerySchema),
    handle: ({ services, params, query }) => services.segments.list(at(params), query),
  }),
  ...on(`POST ${environment}/segments`, {
    body: validated(createSegmentSchema),
    status: 201,
    handle: ({ services, params, body, principal }) =>
      services.segments.create(actorOf(principal), at(params), body),
  }),
  ...on(`GET ${segment}`, {
    handle: ({ services, params }) => services.segments.get(at(params), params.segment),
  }),
  ...on(`PATCH ${segment}`, {
    body: patchBody,
    ifMatch: true,
    handle: ({ services, params, body, principal, ifMatch }) =>
      services.segments.patch(actorOf(principal), at(params), params.segment, body, ifMatch),
  }),
  ...on(`DELETE ${segment}`, {
    status: 204,
    ifMatch: true,
    handle: ({ services, params, principal, ifMatch }) =>
      services.segments.delete(actorOf(principal), at(params), params.segment, ifMatch),
  }),
};
