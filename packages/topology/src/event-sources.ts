import type { FunctionName } from './functions.js';
import type { TableName } from './tables.js';

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
  /** Retries of a failing batch before it is skipped (and sent to the on-failure destination). */
  readonly retryAttempts: number;
  readonly bisectBatchOnError: boolean;
  /** @default 1 */
  readonly parallelizationFactor?: number;
}

/** WebSocket API routes: `$connect`, `$disconnect`, `$default` and `action` values. */
export interface WebSocketRoute {
  readonly routeKey: string;
  readonly function: FunctionName;
}

export const streams: readonly StreamDeclaration[] = [];
export const eventSources: readonly EventSourceDeclaration[] = [];
export const webSocketRoutes: readonly WebSocketRoute[] = [];
