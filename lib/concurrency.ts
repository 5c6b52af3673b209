import type { FunctionName } from '@switchboard/topology';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { lookUp } from './declarations.js';
import { TopologyError } from './errors.js';
import type { Functions } from './functions.js';

/** Concurrent executions set aside for some functions, by name. */
export type ReservedConcurrency = Partial<Record<FunctionName, number>>;

/**
 * What the stack reserves unless told otherwise (docs/deploy.md): the fan-out, the write path's 16
 * invocations per change (8 parts, 2 replicas each) for two changes overlapping plus one invocation
 * per shard of the flags stream, with room for the shards to split; its workers, one per connection slice
 * (16) for two overlapping batches; the management API's functions (20: half for flag and segment authoring), so that an SDK flood, which runs on the
 * unreserved pool, cannot starve people and CI of it. 92 in all: Lambda refuses a reservation that
 * leaves the account fewer than 100 unreserved, so the account needs a limit of at least 192 (the
 * default is 1,000; new accounts may start lower).
 */
export const defaultReservedConcurrency: ReservedConcurrency = {
  fanout: 40,
  'fanout-worker': 32,
  'api-admin': 5,
  'api-authoring': 10,
  'api-insights': 5,
};

/**
 * Sets `ReservedConcurrentExecutions` on the named functions; a reservation both guarantees and caps
 * a function's concurrency. Throws for a name the topology does not declare, or a count that is not
 * a positive whole number (Lambda's 0 would stop the function altogether).
 *
 * @example
 * ```ts
 * reserveConcurrency(functions, { fanout: 10, 'api-authoring': 10 });
 * ```
 */
export function reserveConcurrency(functions: Functions, reservations: ReservedConcurrency): void {
  for (const [name, count] of Object.entries(reservations) as [FunctionName, number | undefined][]) {
    if (count === undefined) continue;
    if (!(Number.isInteger(count) && count > 0)) {
      throw new TopologyError(`reservedConcurrency.${name} must be a positive whole number`);
    }
    const fn = lookUp(functions.functions, name, 'function', 'reservedConcurrency');
    (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = count;
  }
}

/**
 * The default reservations of the functions `functions` declares (a test topology may lack some).
 *
 * @example
 * ```ts
 * reserveConcurrency(functions, defaultReservationsFor(functions));
 * ```
 */
export const defaultReservationsFor = (functions: Functions): ReservedConcurrency =>
  Object.fromEntries(
    Object.entries(defaultReservedConcurrency).filter(([name]) =>
      functions.functions.has(name as FunctionName),
    ),
  );
