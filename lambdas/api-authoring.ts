import { setting } from './adapters/config.js';
import { DynamoHandoffMarks } from './adapters/dynamodb/handoff-marks.js';
import { DynamoLastEvaluatedReader } from './adapters/dynamodb/last-evaluated-reader.js';
import { FANOUT_FUNCTION_VAR, LambdaChangeHandoff } from './adapters/lambda/change-handoff.js';
import { instrumentedHttp } from './adapters/telemetry.js';
import { type ApiHandlerOptions, createManagementHandler } from './api.js';
import { type ContainerOptions, type ManagementContainer, managementWiring } from './container.js';
import { type AuthoringServices, authoringRoutes } from './http/api-authoring-routes.js';
import type { HttpHandler } from './http/app.js';
import { type ChangeHandoff, markedHandoff } from './services/change-handoff.js';
import { FlagService } from './services/flag-service.js';
import { LastEvaluatedService } from './services/last-evaluated-service.js';
import { SegmentService } from './services/segment-service.js';
import { documentClientOf } from './wiring.js';

/**
 * The hand-off given (`null`: none), else Lambda's `Invoke` of the fan-out when the stack named it,
 * marked as handed over for the stream's fan-out.
 */
function handoffOf(options: ContainerOptions): ChangeHandoff | undefined {
  if (options.handoff !== undefined) return options.handoff ?? undefined;
  if (!setting(FANOUT_FUNCTION_VAR)) return undefined;
  return markedHandoff(new LambdaChangeHandoff(), new DynamoHandoffMarks(documentClientOf(options)));
}

/**
 * The `api-authoring` function's composition root: flags and segments, whose committed changes go
 * straight to the fan-out (the fast path) when `FANOUT_FUNCTION` is set.
 */
export function authoringContainer(options: ContainerOptions = {}): ManagementContainer<AuthoringServices> {
  const { client, deps, auth } = managementWiring(options, handoffOf(options));
  const services: AuthoringServices = {
    flags: new FlagService(deps),
    segments: new SegmentService(deps),
    lastEvaluated: new LastEvaluatedService(new DynamoLastEvaluatedReader(client)),
  };
  return { services, auth };
}

/**
 * Builds the `api-authoring` function's handler (see `createManagementHandler`).
 *
 * @example
 * const handler = createAuthoringHandler({ client: localDocumentClient });
 */
export function createAuthoringHandler(options: ApiHandlerOptions = {}): HttpHandler {
  return createManagementHandler('api-authoring', authoringRoutes, authoringContainer, options);
}

export const handler = instrumentedHttp(createAuthoringHandler());
