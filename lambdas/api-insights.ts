import { DynamoAnalyticsStore } from './adapters/dynamodb/analytics-store.js';
import { DynamoAuditStore } from './adapters/dynamodb/audit-store.js';
import { DynamoReceiptStore } from './adapters/dynamodb/receipt-store.js';
import { instrumentedHttp } from './adapters/telemetry.js';
import { type ApiHandlerOptions, createManagementHandler } from './api.js';
import { type ContainerOptions, type ManagementContainer, managementWiring } from './container.js';
import { type InsightsServices, insightsRoutes } from './http/api-insights-routes.js';
import type { HttpHandler } from './http/app.js';
import { servedOpenApiDocument } from './http/openapi-served.js';
import { found } from './services/common.js';
import { DeliveriesService } from './services/deliveries-service.js';
import { EventsService } from './services/events-service.js';
import { InsightsService } from './services/insights-service.js';

/**
 * The `api-insights` function's composition root: read-only services (evaluation counts, custom
 * events, delivery receipts, the audit log).
 */
export function insightsContainer(options: ContainerOptions = {}): ManagementContainer<InsightsServices> {
  const { client, clock, store, auth } = managementWiring(options);
  const analytics = new DynamoAnalyticsStore(client);
  const services: InsightsServices = {
    projects: {
      // Only whether it exists: the project service's editing (JSON Patch, instructions) stays out.
      get: (project) => found(store.get({ kind: 'project', project }), `Project "${project}"`),
    },
    audit: new DynamoAuditStore(client),
    insights: new InsightsService(store, analytics, clock),
    events: new EventsService(store, analytics, clock),
    deliveries: new DeliveriesService(store, new DynamoReceiptStore(client)),
    openapi: servedOpenApiDocument,
  };
  return { services, auth };
}

/**
 * Builds the `api-insights` function's handler (see `createManagementHandler`).
 *
 * @example
 * const handler = createInsightsHandler({ client: localDocumentClient });
 */
export function createInsightsHandler(options: ApiHandlerOptions = {}): HttpHandler {
  return createManagementHandler('api-insights', insightsRoutes, insightsContainer, options);
}

export const handler = instrumentedHttp(createInsightsHandler());
