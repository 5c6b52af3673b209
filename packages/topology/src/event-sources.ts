import type { FunctionName } from './functions.js';
import type { TableName } from './tables.js';
import type { ThrottleClass } from './throttles.js';

/** Kinesis data streams of the platform. */
export interface StreamDeclaration {
  readonly name: StreamName;
  /** Environment variable through which handlers receive the physical stream name. */
  readonly envVar: string;
  /** Shards for the local emulator; on AWS the stream runs on-demand. */
  readonly localShardCount: number;
}

export type StreamName = 'events';

export type EventSource =
  | { readonly kind: 'dynamodb'; readonly table: TableName }
  | { readonly kind: 'kinesis'; readonly stream: StreamName };

/**
 * An event source mapping. The CDK stack turns it into an `EventSourceMapping`; the local runtime's
 * pollers honour the same settings, so behaviour under failure is the same in both places.
 */
export interface EventSourceDeclaration {
  readonly function: FunctionName;
  readonly source: EventSource;
  readonly batchSize: number;
  /** @default 0 */
  readonly maxBatchingWindowSeconds?: number;
  readonly startingPosition: 'LATEST' | 'TRIM_HORIZON';
  /** Lambda event filter patterns, matched against each record as Lambda does (e.g. `{ dynamodb: { Keys: … } }`). */
  readonly filterPatterns?: readonly Record<string, unknown>[];
  readonly reportBatchItemFailures: boolean;
  /**
   * Retries of a failing batch before it is skipped (and sent to the on-failure destination); -1
   * retries until the records expire from the stream (Lambda's default).
   */
  readonly retryAttempts: number;
  readonly bisectBatchOnError: boolean;
  /** @default 1 */
  readonly parallelizationFactor?: number;
}

/** WebSocket API routes: `$connect`, `$disconnect`, `$default` and `action` values. */
export interface WebSocketRoute {
  readonly routeKey: string;
  readonly function: FunctionName;
  /** Send the handler's returned `body` back to the client (a route response). @default false */
  readonly returnResponse?: boolean;
  /** Which limits API Gateway applies to the route. @default `connect` for `$connect`, else `messages` */
  readonly throttle?: ThrottleClass;
}

export const streams: readonly StreamDeclaration[] = [
  // Analytics events from the ingest handler to the aggregator (docs/analytics.md).
  { name: 'events', envVar: 'EVENTS_STREAM', localShardCount: 2 },
];
/** Lambda's filter for a DynamoDB stream record whose keys start with these prefixes. */
const keysWithPrefixes = (pk: string, sk: string) => ({
  dynamodb: { Keys: { pk: { S: [{ prefix: pk }] }, sk: { S: [{ prefix: sk }] } } },
});

export const eventSources: readonly EventSourceDeclaration[] = [
  {
    // Delivery: only per-environment flag and segment items reach the fan-out (tables.ts).
    function: 'fanout',
    source: { kind: 'dynamodb', table: 'flags' },
    batchSize: 100,
    startingPosition: 'LATEST',
    filterPatterns: [keysWithPrefixes('ENV#', 'FLAG#'), keysWithPrefixes('ENV#', 'SEGMENT#')],
    reportBatchItemFailures: true,
    // Until delivered: a change given up on is never sent again, and SDKs would hold the old
    // version until they reconnect. Failures here are the gateway's throttle and outages; a retry
    // re-posts only versions SDKs ignore (docs/reliability.md, "Faults").
    retryAttempts: -1,
    bisectBatchOnError: true,
  },
  {
    // Revocation: a removed SDK key or client-side id item closes the connections opened with it.
    function: 'revoker',
    source: { kind: 'dynamodb', table: 'flags' },
    batchSize: 100,
    startingPosition: 'LATEST',
    filterPatterns: [
      { eventName: ['REMOVE'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SDKKEY#' }] } } } },
      { eventName: ['REMOVE'], dynamodb: { Keys: { pk: { S: [{ prefix: 'CLIENTSIDE#' }] } } } },
    ],
    reportBatchItemFailures: true,
    retryAttempts: 10,
    bisectBatchOnError: true,
  },
  {
    // Analytics: coalesces a batch into one update per counter; exactly once per counter through
    // per-shard sequence watermarks, which need the records of a shard in order (parallelization 1).
    function: 'aggregator',
    source: { kind: 'kinesis', stream: 'events' },
    batchSize: 1000,
    maxBatchingWindowSeconds: 1,
    startingPosition: 'TRIM_HORIZON',
    reportBatchItemFailures: true,
    // Until counted: events given up on are lost, while a retry never counts twice (watermarks and
    // payload claims) and records that cannot be counted are dropped or set aside by the handler.
    retryAttempts: -1,
    bisectBatchOnError: true,
    parallelizationFactor: 1,
  },
];
export const webSocketRoutes: readonly WebSocketRoute[] = [
  { routeKey: '$connect', function: 'ws-connect' },
  { routeKey: '$disconnect', function: 'ws-disconnect' },
  // `{"action":"ping"}` has no route of its own, so it lands here; the pong is the route response.
  { routeKey: '$default', function: 'ws-message', returnResponse: true },
];
