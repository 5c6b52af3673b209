import { DynamoControlStore } from './adapters/dynamodb/control-store.js';
import { countCalls, logWarning, metered } from './adapters/telemetry.js';
import { newId } from './domain/credentials.js';
import type { SdkServices } from './http/sdk-routes.js';
import { AuthService } from './services/auth-service.js';
import { type ChangeHandoff, handingOff } from './services/change-handoff.js';
import type { ServiceDeps } from './services/common.js';
import { EvaluationService } from './services/evaluation-service.js';
import type { ControlStore } from './services/ports.js';
import { SecureModeService } from './services/secure-mode-service.js';
import { SnapshotCache } from './services/snapshot-cache.js';
import { clockOf, documentClientOf, type WiringOptions } from './wiring.js';

/**
 * What the composition roots of the HTTP functions share: the `sdk` function's container, and the
 * wiring every management function's container (in `api-admin.ts`, `api-authoring.ts`,
 * `api-insights.ts`) starts from; each builds only its own services, so its bundle carries only their
 * code.
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

/** What every management function is built from: its services and the authentication of callers. */
export interface ManagementContainer<S> {
  readonly services: S;
  readonly auth: AuthService;
}

/**
 * The store, clock and auth every management function uses; with `handoff`, committed flag and
 * segment changes go to it after each write (the fast path).
 *
 * @example
 * const { deps, auth } = managementWiring(options);
 * return { services: { projects: new ProjectService(deps) }, auth };
 */
export function managementWiring(options: ContainerOptions, handoff?: ChangeHandoff) {
  const wired = base(options);
  const deps: ServiceDeps = handoff
    ? { ...wired.deps, store: handingOff(wired.store, handoff, { onFailure: handoffFailed }) }
    : wired.deps;
  return { ...wired, deps };
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
