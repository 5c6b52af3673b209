import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayBroadcaster, managementClient } from './adapters/apigateway/broadcaster.js';
import { ApiGatewayConnectionCloser } from './adapters/apigateway/connection-closer.js';
import { DynamoConnectionStore } from './adapters/dynamodb/connection-store.js';
import { DynamoControlStore } from './adapters/dynamodb/control-store.js';
import { DynamoPartClaims } from './adapters/dynamodb/part-claims.js';
import { DynamoPostedMarks } from './adapters/dynamodb/posted-marks.js';
import { DynamoReceiptStore } from './adapters/dynamodb/receipt-store.js';
import { LambdaWorkerDispatcher } from './adapters/lambda/worker-dispatcher.js';
import { logWarning } from './adapters/telemetry.js';
import { CONNECTION_SLICES } from './domain/connection-slices.js';
import type { EventSink } from './services/analytics-ports.js';
import { AuthService } from './services/auth-service.js';
import { ConnectionService } from './services/connection-service.js';
import type {
  Broadcaster,
  ConnectionCloser,
  ConnectionStore,
  WorkerDispatcher,
} from './services/delivery-ports.js';
import { type AccessSource, storeAccessSource } from './services/environment-access.js';
import { EvaluationService } from './services/evaluation-service.js';
import {
  type EnvironmentReader,
  type FanoutOptions,
  FanoutService,
  type ReceiptHooks,
  SliceDelivery,
} from './services/fanout-service.js';
import { IdentifyService } from './services/identify-service.js';
import { KeyExpiryService } from './services/key-expiry-service.js';
import type { ControlStore } from './services/ports.js';
import type { ReceiptRecorder, ReceiptSettingsSource } from './services/receipt-ports.js';
import { ReceiptService } from './services/receipt-service.js';
import { type RevocationOptions, RevocationService } from './services/revocation-service.js';
import { SecureModeService } from './services/secure-mode-service.js';
import { SnapshotCache } from './services/snapshot-cache.js';
import { clockOf, documentClientOf, type WiringOptions } from './wiring.js';

/**
 * The composition root of the WebSocket and delivery functions, the revoker and the key-expiry
 * sweep. Each handler builds what it needs lazily, once per container; tests pass their own store,
 * broadcaster or dispatcher.
 */
export interface DeliveryContainerOptions extends WiringOptions, FanoutOptions, RevocationOptions {
  readonly connections?: ConnectionStore;
  readonly broadcaster?: Broadcaster;
  /** Closes revoked connections. @default `DeleteConnection` on the management endpoint */
  readonly closer?: ConnectionCloser;
  readonly management?: ApiGatewayManagementApiClient;
  readonly workers?: WorkerDispatcher;
  /**
   * How long `$connect` holds a credential lookup, and secure mode an environment.
   * @default {@link CONNECT_CREDENTIAL_TTL_MS} for `$connect`, 5000 for secure mode, as for the HTTP SDK routes
   */
  readonly credentialCacheTtlMs?: number;
  /** The environments' flags and segments, for client delivery. @default the flags table */
  readonly environments?: EnvironmentReader;
  /** The credentials that admit connections to an environment now. @default the flags table */
  readonly access?: AccessSource;
  /** Where `$default` puts SDK acks (delivery receipts). @default the `events` Kinesis stream */
  readonly events?: EventSink;
  /** Environments' receipt settings, for fan-out's frames and `$default`'s acks. @default the flags table */
  readonly receiptSettings?: ReceiptSettingsSource;
  /** Where fan-out records how many connections it posted a change to. @default the analytics table */
  readonly receiptRecorder?: ReceiptRecorder;
}

const connectionStore = (options: DeliveryContainerOptions): ConnectionStore =>
  options.connections ??
  new DynamoConnectionStore(documentClientOf(options), options.slices ?? CONNECTION_SLICES);

/**
 * `$connect` reads the credential afresh (an unknown one is still remembered for 1 s, so a fleet
 * reconnecting with a revoked key costs a read per second): a connection connects once, so this is
 * one `GetItem` per connect, and a removed key is refused at once, not for as long as a cache
 * would hold it. The revoker's second look then only has to catch a connect already under way.
 */
export const CONNECT_CREDENTIAL_TTL_MS = 0;

export function connectionContainer(options: DeliveryContainerOptions = {}): ConnectionService {
  const auth = new AuthService(
    new DynamoControlStore(documentClientOf(options)),
    clockOf(options),
    options.credentialCacheTtlMs ?? CONNECT_CREDENTIAL_TTL_MS,
  );
  return new ConnectionService(auth, connectionStore(options));
}

/** The fan-out's view of an environment: one strongly consistent read of its partition. */
function environmentReader(options: DeliveryContainerOptions): EnvironmentReader {
  if (options.environments) return options.environments;
  const store: Pick<ControlStore, 'environmentContents'> = new DynamoControlStore(documentClientOf(options));
  return async (locator) => {
    const contents = await store.environmentContents(locator);
    return {
      flags: new Map(contents.flags.map((flag) => [flag.key, flag])),
      segments: new Map(contents.segments.map(({ meta: _meta, ...segment }) => [segment.key, segment])),
    };
  };
}

const accessSource = (options: DeliveryContainerOptions): AccessSource =>
  options.access ?? storeAccessSource(new DynamoControlStore(documentClientOf(options)));

/** The key-expiry sweep: deletes the SDK keys whose rotation overlap has ended (the revoker then closes their connections). */
export function keyExpiryContainer(options: WiringOptions = {}): KeyExpiryService {
  return new KeyExpiryService(new DynamoControlStore(documentClientOf(options)), clockOf(options));
}

/** The revoker: closes the connections a removed credential no longer admits. */
export function revocationContainer(options: DeliveryContainerOptions = {}): RevocationService {
  const closer = options.closer ?? new ApiGatewayConnectionCloser(options.management ?? managementClient());
  return new RevocationService(connectionStore(options), closer, accessSource(options), options);
}

export function sliceDelivery(options: DeliveryContainerOptions = {}): SliceDelivery {
  const concurrency = options.concurrency ?? 256;
  const broadcaster =
    options.broadcaster ?? new ApiGatewayBroadcaster(options.management ?? managementClient(concurrency));
  return new SliceDelivery(
    connectionStore(options),
    broadcaster,
    { ...options, concurrency },
    environmentReader(options),
    accessSource(options),
    receiptHooks(options),
  );
}

/** `$default`'s browser identify: connections, the environment's snapshot and secure mode. */
export function identifyContainer(options: DeliveryContainerOptions = {}): IdentifyService {
  const control = new DynamoControlStore(documentClientOf(options));
  const clock = clockOf(options);
  const snapshots = new SnapshotCache((at) => control.environmentContents(at), clock, 1_000);
  return new IdentifyService(
    connectionStore(options),
    new EvaluationService((at, since) =>
      since === undefined ? snapshots.get(at) : snapshots.getSince(at, since),
    ),
    new SecureModeService(control, clock, options.credentialCacheTtlMs),
    clock,
  );
}

export function fanoutContainer(options: DeliveryContainerOptions = {}): FanoutService {
  return new FanoutService(
    connectionStore(options),
    sliceDelivery(options),
    options.workers ?? new LambdaWorkerDispatcher(),
    {
      ...options,
      claims: options.claims ?? new DynamoPartClaims(documentClientOf(options)),
      marks: options.marks ?? new DynamoPostedMarks(documentClientOf(options)),
    },
  );
}

/**
 * The Kinesis sink, loaded on the first ack: every delivery function shares this module, and only
 * `$default` in an opted-in environment ever needs the Kinesis client.
 */
function kinesisSink(): EventSink {
  let sink: Promise<EventSink> | undefined;
  return {
    publish: async (records) => {
      sink ??= import('./adapters/kinesis/event-sink.js').then((m) => new m.KinesisEventSink());
      return (await sink).publish(records);
    },
  };
}

/** `$default`'s `ack`: connections (for the environment) and the analytics stream. */
export function receiptContainer(options: DeliveryContainerOptions = {}): ReceiptService {
  return new ReceiptService(
    connectionStore(options),
    receiptSettings(options),
    options.events ?? kinesisSink(),
    clockOf(options),
  );
}

/** Environments' receipt settings, read from the environment's record. */
function receiptSettings(options: DeliveryContainerOptions): ReceiptSettingsSource {
  if (options.receiptSettings) return options.receiptSettings;
  const store = new DynamoControlStore(documentClientOf(options));
  return async (locator) => (await store.get({ kind: 'environment', ...locator }))?.receipts;
}

/**
 * Fan-out's receipt settings and recorder. A caller that hands in its own environment access (a
 * test with fakes) and no receipt settings gets no receipts, rather than reads of a real table.
 */
function receiptHooks(options: DeliveryContainerOptions): ReceiptHooks | undefined {
  if (!options.receiptSettings && options.access) return undefined;
  return {
    settings: receiptSettings(options),
    recorder: options.receiptRecorder ?? new DynamoReceiptStore(documentClientOf(options)),
    warn: logWarning,
  };
}
