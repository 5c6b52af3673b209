import { setting } from './adapters/config.js';
import { DynamoAnalyticsStore } from './adapters/dynamodb/analytics-store.js';
import { DynamoAuditStore } from './adapters/dynamodb/audit-store.js';
import { DynamoControlStore } from './adapters/dynamodb/control-store.js';
import { DynamoReceiptStore } from './adapters/dynamodb/receipt-store.js';
import { FANOUT_FUNCTION_VAR, LambdaChangeHandoff } from './adapters/lambda/change-handoff.js';
import { countCalls, logWarning, metered } from './adapters/telemetry.js';
import { newId } from './domain/credentials.js';
import type { ApiServices } from './http/api-routes.js';
import { servedOpenApiDocument } from './http/openapi-served.js';
import type { SdkServices } from './http/sdk-routes.js';
import { AuthService } from './services/auth-service.js';
import { type ChangeHandoff, handingOff } from './services/change-handoff.js';
import type { ServiceDeps } from './services/common.js';
import { DeliveriesService } from './services/deliveries-service.js';
import { EnvironmentService } from './services/environment-service.js';
import { EvaluationService } from './services/evaluation-service.js';
import { EventsService } from './services/events-service.js';
import { FlagService } from './services/flag-service.js';
import { InsightsService } from './services/insights-service.js';
import type { ControlStore } from './services/ports.js';
import { ProjectService } from './services/project-service.js';
import { SecureModeService } from './services/secure-mode-service.js';
import { SegmentService } from './services/segment-service.js';
import { SnapshotCache } from './services/snapshot-cache.js';
import { TokenService } from './services/token-service.js';
import { clockOf, documentClientOf, type WiringOptions } from './wiring.js';

/**
 * The composition root of the `api` and `sdk` functions: wires services to the DynamoDB adapters.
 * Handlers build this lazily, once per container; tests and the local runtime can pass their own
 * client or clock.
 */
export interface ContainerOptions extends WiringOptions {
  /** How long the SDK endpoint serves a snapshot before re-reading DynamoDB. @default 1000 */
  readonly snapshotTtlMs?: number;
  /** How long credential lookups are cached; bounds how late a revocation reaches this container. @default 5000 */
  readonly credentialCacheTtlMs?: number;
  /**
   * Where committed flag and segment changes go straight after the write (the fast path; the stream
   * delivers them too). `null` turns it off. @default an asynchronous `Invoke` of the fan-out when
   * `FANOUT_FUNCTION` is set (the stack sets it), else none
   */
  readonly handoff?: ChangeHandoff | null;
}

const handoffFailed = (error: unknown, changes: readonly unknown[]) =>
  logWarning('fast path: hand-off failed; the stream delivers the change', {
    changes: changes.length,
    error: String(error),
  });

function base(options: ContainerOptions) {
  const client = documentClientOf(options);
  const clock = clockOf(options);
  const store: ControlStore = new DynamoControlStore(client);
  const deps: ServiceDeps = { store, clock, newId };
  return { client, clock, store, deps, auth: new AuthService(store, clock, options.credentialCacheTtlMs) };
}

export function apiContainer(options: ContainerOptions = {}): {
  services: ApiServices;
  auth: AuthService;
  tokens: TokenService;
} {
  const { client, clock, store, deps: readDeps, auth } = base(options);
  const handoff =
    options.handoff === undefined
      ? setting(FANOUT_FUNCTION_VAR)
        ? new LambdaChangeHandoff()
        : undefined
      : (options.handoff ?? undefined);
  const deps: ServiceDeps = handoff
    ? { ...readDeps, store: handingOff(store, handoff, { onFailure: handoffFailed }) }
    : readDeps;
  const tokens = new TokenService(deps, (hash) => auth.forgetToken(hash));
  // The dashboard's "test a user" must see the latest edit, so every evaluation re-reads (coalesced).
  const snapshots = new SnapshotCache((at) => store.environmentContents(at), clock, 0);
  const analytics = new DynamoAnalyticsStore(client);
  const services: ApiServices = {
    projects: new ProjectService(deps),
    environments: new EnvironmentService(deps),
    flags: new FlagService(deps),
    segments: new SegmentService(deps),
    audit: new DynamoAuditStore(client),
    tokens,
    evaluation: new EvaluationService((at) => snapshots.get(at)),
    insights: new InsightsService(store, analytics, clock),
    events: new EventsService(store, analytics, clock),
    deliveries: new DeliveriesService(store, new DynamoReceiptStore(client)),
    openapi: servedOpenApiDocument,
  };
  return { services, auth, tokens };
}

export function sdkContainer(options: ContainerOptions = {}): { services: SdkServices; auth: AuthService } {
  const { clock, store, auth } = base(options);
  const snapshots = metered(
    new SnapshotCache(
      countCalls('SnapshotLoads', (at) => store.environmentContents(at)),
      clock,
      options.snapshotTtlMs ?? 1_000,
    ),
    'get',
    'SnapshotRequests',
  );
  const evaluation = new EvaluationService((at) => snapshots.get(at));
  const secureMode = new SecureModeService(store, clock, options.credentialCacheTtlMs);
  return {
    services: { snapshots, evaluation, secureMode },
    auth,
  };
}
