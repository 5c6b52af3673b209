import type { FunctionName } from '@switchboard/topology';
import type { ContainerOptions, ManagementContainer } from './container.js';
import { createHttpHandler, type HttpHandler } from './http/app.js';
import type { RouteTable } from './http/route-table.js';
import { lazy } from './wiring.js';

export type ApiHandlerOptions = ContainerOptions;

/**
 * Builds the handler (API Gateway HTTP API, payload v2) of one management API function: its routes,
 * its container, built on the first invocation.
 *
 * @example
 * export const handler = instrumentedHttp(
 *   createManagementHandler('api-admin', adminRoutes, adminContainer),
 * );
 */
export function createManagementHandler<S>(
  fn: FunctionName,
  routes: RouteTable<S>,
  container: (options: ContainerOptions) => ManagementContainer<S>,
  options: ApiHandlerOptions = {},
): HttpHandler {
  const serve = lazy(() => createHttpHandler(fn, routes, container(options)));
  return (event, context) => serve()(event, context);
}
