import { insightsQuerySchema } from '../domain/analytics-schemas.js';
import { eventCountsQuerySchema, eventSeriesQuerySchema } from '../domain/event-schemas.js';
import { deliveriesQuerySchema } from '../domain/receipt-schemas.js';
import { auditQuerySchema } from '../domain/schemas.js';
import type { DeliveriesService } from '../services/deliveries-service.js';
import type { EventsService } from '../services/events-service.js';
import type { InsightsService } from '../services/insights-service.js';
import type { AuditStore } from '../services/ports.js';
import type { ProjectService } from '../services/project-service.js';
import { at, environment, project } from './api-common.js';
import { type RouteTable, routesOf } from './route-table.js';
import { validated } from './validated.js';

export interface InsightsServices {
  readonly projects: Pick<ProjectService, 'get'>;
  readonly audit: Pick<AuditStore, 'list'>;
  readonly insights: InsightsService;
  readonly events: EventsService;
  readonly deliveries: DeliveriesService;
  readonly openapi: () => unknown;
}

const on = routesOf<InsightsServices>();

/**
 * Implementations of the `api-insights` function's routes: what the dashboard reads besides flags and
 * segments (evaluation counts, custom events, delivery receipts, the audit log) and the OpenAPI
 * document.
 */
export const insightsRoutes: RouteTable<InsightsServices> = {
  ...on('GET /api/v1/openapi.json', { handle: async ({ services }) => services.openapi() }),

  ...on(`GET ${environment}/flags/{flag}/insights`, {
    query: validated(insightsQuerySchema),
    handle: ({ services, params, query }) => services.insights.insights(at(params), params.flag, query),
  }),
  ...on(`GET ${environment}/events`, {
    query: validated(eventCountsQuerySchema),
    handle: ({ services, params, query }) => services.events.list(at(params), query),
  }),
  ...on(`GET ${environment}/events/{eventKey}`, {
    query: validated(eventSeriesQuerySchema),
    handle: ({ services, params, query }) => services.events.series(at(params), params.eventKey, query),
  }),
  ...on(`GET ${project}/audit`, {
    query: validated(auditQuerySchema),
    handle: async ({ services, params, query }) => {
      const { key, createdAt } = await services.projects.get(params.project);
      return services.audit.list({ project: key, flag: query.flag, env: query.env, since: createdAt }, query);
    },
  }),
  ...on(`GET ${environment}/flags/{flag}/deliveries`, {
    query: validated(deliveriesQuerySchema),
    handle: ({ services, params, query }) => services.deliveries.list(at(params), params.flag, query.limit),
  }),
};
