import { instrumentedHttp } from './adapters/telemetry.js';
import { type ApiHandlerOptions, createManagementHandler } from './api.js';
import { type ContainerOptions, type ManagementContainer, managementWiring } from './container.js';
import { type EvaluateServices, evaluateRoutes } from './http/api-evaluate-routes.js';
import type { HttpHandler } from './http/app.js';
import { liveEnvironment } from './services/environment-set.js';
import { EvaluationService } from './services/evaluation-service.js';
import { SnapshotCache } from './services/snapshot-cache.js';

/** The `api-evaluate` function's composition root: evaluation against the environment's latest items. */
export function evaluateContainer(options: ContainerOptions = {}): ManagementContainer<EvaluateServices> {
  const { clock, store, auth } = managementWiring(options);
  // The dashboard's "test a user" must see the latest edit, so every evaluation re-reads (coalesced).
  // An environment that does not exist has no items either: it is a 404, not an empty answer.
  const snapshots = new SnapshotCache(
    async (at) => (await Promise.all([store.environmentContents(at), liveEnvironment(store, at)]))[0],
    clock,
    0,
  );
  return { services: { evaluation: new EvaluationService((at) => snapshots.get(at)) }, auth };
}

/**
 * Builds the `api-evaluate` function's handler (see `createManagementHandler`).
 *
 * @example
 * const handler = createEvaluateHandler({ client: localDocumentClient });
 */
export function createEvaluateHandler(options: ApiHandlerOptions = {}): HttpHandler {
  return createManagementHandler('api-evaluate', evaluateRoutes, evaluateContainer, options);
}

export const handler = instrumentedHttp(createEvaluateHandler());
