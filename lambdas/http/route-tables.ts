import type { FunctionName } from '@switchboard/topology';
import { adminRoutes } from './api-admin-routes.js';
import { authoringRoutes } from './api-authoring-routes.js';
import { evaluateRoutes } from './api-evaluate-routes.js';
import { insightsRoutes } from './api-insights-routes.js';
import { ingestRoutes } from './ingest-routes.js';
import type { RouteTable } from './route-table.js';
import { sdkRoutes } from './sdk-routes.js';

/**
 * Every HTTP function's route implementations, by function, for the OpenAPI generator and tests.
 * No function imports this: each imports only its own table, so its bundle carries only its routes.
 *
 * @example
 * const definition = routeTables['api-authoring']['GET /api/v1/projects/{project}/flags'];
 */
export const routeTables: Readonly<Partial<Record<FunctionName, RouteTable<unknown>>>> = {
  'api-admin': adminRoutes as RouteTable<unknown>,
  'api-authoring': authoringRoutes as RouteTable<unknown>,
  'api-insights': insightsRoutes as RouteTable<unknown>,
  'api-evaluate': evaluateRoutes as RouteTable<unknown>,
  sdk: sdkRoutes as RouteTable<unknown>,
  ingest: ingestRoutes as RouteTable<unknown>,
};
