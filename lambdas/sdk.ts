import { handle } from 'hono/aws-lambda';
import { type ContainerOptions, sdkContainer } from './container.js';
import { createApp, type HttpHandler } from './http/app.js';
import { sdkRoutes } from './http/sdk-routes.js';

/** Builds the SDK API handler (API Gateway HTTP API, payload v2): flag snapshots and client-side evaluation. */
export function createSdkHandler(options: ContainerOptions = {}): HttpHandler {
  let serve: HttpHandler | undefined;
  return (event, context) => {
    serve ??= handle(createApp('sdk', sdkRoutes, sdkContainer(options))) as unknown as HttpHandler;
    return serve(event, context);
  };
}

export const handler = createSdkHandler();
