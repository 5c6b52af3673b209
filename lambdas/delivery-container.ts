import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApiGatewayBroadcaster, managementClient } from './adapters/apigateway/broadcaster.js';
import { sharedDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoConnectionStore } from './adapters/dynamodb/connection-store.js';
import { DynamoControlStore } from './adapters/dynamodb/control-store.js';
import { LambdaWorkerDispatcher } from './adapters/lambda/worker-dispatcher.js';
import { CONNECTION_SLICES } from './domain/connection-slices.js';
import { AuthService } from './services/auth-service.js';
import { ConnectionService } from './services/connection-service.js';
import type { Broadcaster, ConnectionStore, WorkerDispatcher } from './services/delivery-ports.js';
import { type FanoutOptions, FanoutService, SliceDelivery } from './services/fanout-service.js';
import type { Clock } from './services/ports.js';

/**
 * The composition root of the WebSocket and delivery functions. Each handler builds what it needs
 * once per container; tests pass their own store, broadcaster or dispatcher.
 */
export interface DeliveryContainerOptions extends FanoutOptions {
  readonly client?: DynamoDBDocumentClient;
  readonly clock?: Clock;
  readonly connections?: ConnectionStore;
  readonly broadcaster?: Broadcaster;
  readonly management?: ApiGatewayManagementApiClient;
  readonly workers?: WorkerDispatcher;
  /** @default 5000, as for the HTTP SDK routes */
  readonly credentialCacheTtlMs?: number;
}

const systemClock: Clock = { now: () => new Date() };

const connectionStore = (options: DeliveryContainerOptions): ConnectionStore =>
  options.connections ??
  new DynamoConnectionStore(options.client ?? sharedDocumentClient(), options.slices ?? CONNECTION_SLICES);

export function connectionContainer(options: DeliveryContainerOptions = {}): ConnectionService {
  const client = options.client ?? sharedDocumentClient();
  const auth = new AuthService(
    new DynamoControlStore(client),
    options.clock ?? systemClock,
    options.credentialCacheTtlMs,
  );
  return new ConnectionService(auth, connectionStore(options));
}

export function sliceDelivery(options: DeliveryContainerOptions = {}): SliceDelivery {
  const concurrency = options.concurrency ?? 64;
  const broadcaster =
    options.broadcaster ?? new ApiGatewayBroadcaster(options.management ?? managementClient(concurrency));
  return new SliceDelivery(connectionStore(options), broadcaster, { ...options, concurrency });
}

export function fanoutContainer(options: DeliveryContainerOptions = {}): FanoutService {
  return new FanoutService(
    connectionStore(options),
    sliceDelivery(options),
    options.workers ?? new LambdaWorkerDispatcher(),
    options,
  );
}
