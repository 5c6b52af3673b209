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
  readonly tables: { readonly read?: readonly TableName[]; readonly write?: readonly TableName[] };
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
  /** @default 256 */
  readonly memoryMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
}

export type FunctionName = 'api' | 'sdk';

export const functions: readonly FunctionDeclaration[] = [
  {
    name: 'api',
    entry: 'lambdas/api.ts',
    description: 'Management HTTP API: projects, environments, flags, segments, audit, tokens, evaluate',
    tables: { write: ['flags', 'audit'], read: ['analytics'] },
    memoryMb: 512,
  },
  {
    name: 'sdk',
    entry: 'lambdas/sdk.ts',
    description: 'SDK HTTP API: flag snapshots for server SDKs, evaluation for client-side SDKs',
    tables: { read: ['flags'] },
    memoryMb: 512,
  },
];

export function functionNamed(name: FunctionName): FunctionDeclaration {
  const fn = functions.find((f) => f.name === name);
  if (!fn) throw new Error(`No function declared as "${name}"`);
  return fn;
}
