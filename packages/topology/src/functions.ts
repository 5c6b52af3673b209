import type { StreamName } from './event-sources.js';
import type { TableName } from './tables.js';

/**
 * Lambda functions of the platform. `entry` is relative to the repository root; the CDK stack bundles
 * it with esbuild (`NodejsFunction`) and the local runtime imports the same module.
 */
export interface FunctionDeclaration {
  readonly name: FunctionName;
  readonly entry: string;
  /** Exported handler name. @default 'handler' */
  readonly handler?: string;
  readonly description: string;
  /** Least-privilege table access; the stack grants exactly this. */
  readonly tables: {
    readonly read?: readonly TableName[];
    readonly write?: readonly TableName[];
    /** Read and add items, never change or delete one (an append-only log such as the audit). */
    readonly append?: readonly TableName[];
    /**
     * Update items whose partition key begins with `partitionKeyPrefix`, and nothing else of the
     * table (no read, put or delete).
     */
    readonly update?: readonly { readonly table: TableName; readonly partitionKeyPrefix: string }[];
  };
  /**
   * Kinesis streams the function puts records into. Consumers need no entry here: their event source
   * mapping grants them read access. @default none
   */
  readonly streams?: { readonly write?: readonly StreamName[] };
  /**
   * Whether the function posts to, reads or deletes WebSocket connections through the management API
   * (`@connections`); the stack then grants that and sets `WS_MANAGEMENT_ENDPOINT`. @default false
   */
  readonly managesConnections?: boolean;
  /**
   * Functions this one invokes asynchronously (Lambda `Invoke`, type `Event`); the stack grants that
   * and passes each target's physical name in {@link functionNameVar}. @default none
   */
  readonly invokes?: readonly FunctionName[];
  /** @default 256 */
  readonly memoryMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
}

export type FunctionName =
  | 'api-admin'
  | 'api-authoring'
  | 'api-insights'
  | 'api-evaluate'
  | 'sdk'
  | 'ws-connect'
  | 'ws-disconnect'
  | 'ws-message'
  | 'fanout'
  | 'fanout-worker'
  | 'ingest'
  | 'aggregator'
  | 'revoker'
  | 'key-expiry'
  | 'admin-token-registrar';

/** Environment variable through which an invoker finds a function's physical name: `fanout-worker` → `FANOUT_WORKER_FUNCTION`. */
export const functionNameVar = (name: string): string =>
  `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_FUNCTION`;

export const functions: readonly FunctionDeclaration[] = [
  // The management API, one function per route group, so each bundle carries only its routes' code
  // (docs/deploy.md, "Functions").
  {
    name: 'api-admin',
    entry: 'lambdas/api-admin.ts',
    description: 'Management HTTP API: projects, environments, SDK keys, API tokens, the global audit log',
    tables: { write: ['flags'], append: ['audit'] },
    memoryMb: 512,
  },
  {
    name: 'api-authoring',
    entry: 'lambdas/api-authoring.ts',
    description: 'Management HTTP API: flags and segments (JSON Patch and instructions)',
    // analytics: when each flag was last evaluated, shown with it.
    // The fast path: committed flag and segment changes go straight to the fan-out, and are marked
    // as handed over in the connections table for the stream's fan-out (docs/delivery.md).
    tables: {
      write: ['flags'],
      append: ['audit'],
      read: ['analytics'],
      update: [{ table: 'connections', partitionKeyPrefix: 'POSTED#' }],
    },
    invokes: ['fanout'],
    memoryMb: 512,
  },
  {
    name: 'api-insights',
    entry: 'lambdas/api-insights.ts',
    description:
      'Management HTTP API, read-only: evaluation counts, custom events, delivery receipts, audit log, OpenAPI',
    tables: { read: ['flags', 'audit', 'analytics'] },
    memoryMb: 512,
  },
  {
    name: 'api-evaluate',
    entry: 'lambdas/api-evaluate.ts',
    description: 'Management HTTP API: evaluates every flag of an environment for a test context',
    tables: { read: ['flags'] },
    memoryMb: 512,
  },
  {
    name: 'sdk',
    entry: 'lambdas/sdk.ts',
    description: 'SDK HTTP API: flag snapshots for server SDKs, evaluation for client-side SDKs',
    tables: { read: ['flags'] },
    memoryMb: 512,
  },
  {
    name: 'ws-connect',
    entry: 'lambdas/ws-connection.ts',
    handler: 'connect',
    description: 'WebSocket $connect: checks the SDK key or client-side id and registers the connection',
    tables: { read: ['flags'], write: ['connections'] },
  },
  {
    name: 'ws-disconnect',
    entry: 'lambdas/ws-connection.ts',
    handler: 'disconnect',
    description: 'WebSocket $disconnect: removes the connection',
    tables: { write: ['connections'] },
  },
  {
    name: 'ws-message',
    entry: 'lambdas/websocket.ts',
    handler: 'message',
    description:
      'WebSocket $default: answers pings; a browser’s identify: checks, stores and evaluates its context',
    // flags: the environment (secure mode) and its items; connections: the stored context.
    tables: { read: ['flags'], write: ['connections'] },
    // SDK acks (delivery receipts) go to the analytics stream.
    streams: { write: ['events'] },
    memoryMb: 512,
  },
  {
    name: 'fanout',
    entry: 'lambdas/fanout.ts',
    description: 'Pushes flag and segment changes from the flags stream to the environment’s connections',
    // flags: the environment's current items, to re-evaluate browser contexts before and after;
    // analytics: how many connections each change was posted to (delivery receipts).
    tables: { read: ['flags'], write: ['connections', 'analytics'] },
    managesConnections: true,
    invokes: ['fanout-worker'],
    // One full vCPU: posting is signing-bound (docs/delivery.md, "Fast path").
    memoryMb: 1769,
    timeoutSeconds: 60,
  },
  {
    name: 'fanout-worker',
    entry: 'lambdas/fanout-worker.ts',
    description: 'Pushes one environment’s changes to the connections of some slices (large environments)',
    tables: { read: ['flags'], write: ['connections', 'analytics'] },
    managesConnections: true,
    memoryMb: 1769,
    timeoutSeconds: 300,
  },
  {
    name: 'ingest',
    entry: 'lambdas/ingest.ts',
    description: 'Analytics ingest: validates SDK event batches and puts them on the events stream',
    // The flags table only for resolving SDK keys and client-side ids to their environment.
    tables: { read: ['flags'] },
    streams: { write: ['events'] },
  },
  {
    name: 'aggregator',
    entry: 'lambdas/aggregator.ts',
    description: 'Analytics aggregator: adds up a batch of events and writes one update per counter',
    tables: { write: ['analytics'] },
    memoryMb: 1024,
    timeoutSeconds: 120,
  },
  {
    name: 'revoker',
    entry: 'lambdas/revoker.ts',
    description:
      'Closes the WebSocket connections of a removed SDK key or client-side id (rotation, expiry, deletion)',
    // flags: the environment's current credentials; connections: each one's credential, then removal.
    tables: { read: ['flags'], write: ['connections'] },
    managesConnections: true,
    timeoutSeconds: 60,
  },
  {
    name: 'key-expiry',
    entry: 'lambdas/key-expiry.ts',
    description: 'Every minute: deletes the SDK keys whose rotation overlap has ended',
    tables: { write: ['flags'] },
  },
  {
    // Serves no route, event or schedule: the stack runs it at deployment (a CDK trigger) and
    // gives it the secret; the local runtime registers its own printed token instead.
    name: 'admin-token-registrar',
    entry: 'lambdas/admin-token-registrar.ts',
    description: 'At deployment: registers the first admin API token from its secret unless registered',
    tables: { write: ['flags'], append: ['audit'] },
    timeoutSeconds: 30,
  },
];

export function functionNamed(name: FunctionName): FunctionDeclaration {
  const fn = functions.find((f) => f.name === name);
  if (!fn) throw new Error(`No function declared as "${name}"`);
  return fn;
}
