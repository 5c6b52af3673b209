import { instrumentedHttp } from './adapters/telemetry.js';
import { type ContainerOptions, sdkContainer } from './container.js';
import { createHttpHandler, type HttpHandler } from './http/app.js';
import { sdkRoutes } from './http/sdk-routes.js';
import { lazy } from './wiring.js';

/** Builds the SDK API handler (API Gateway HTTP API, payload v2): flag snapshots and client-side evaluation. */
export function createSdkHandler(options: ContainerOptions = {}): HttpHandler {
  const serve = lazy(() => createHttpHandler('sdk', sdkRoutes, sdkContainer(options)));
  return (event, context) => serve()(event, context);
}

export const handler = instrumentedHttp(createSdkHandler());
