import {
  type ThrottleClass,
  type ThrottleLimit,
  throttleClasses,
  throttleLimits,
} from '@switchboard/topology';
import { TopologyError } from './errors.js';

/**
 * A deployment's changes to the topology's throttle limits: per class, the rate, the burst or both.
 *
 * @example
 * ```ts
 * const overrides: ThrottleOverrides = { sdk: { rateLimit: 2000, burstLimit: 2000 }, connect: { rateLimit: 250 } };
 * ```
 */
export type ThrottleOverrides = Partial<Record<ThrottleClass, Partial<ThrottleLimit>>>;

/**
 * The topology's limits with `overrides` applied; throws on an unknown class or a limit that is
 * not a non-negative number (bursts: whole numbers), naming it.
 *
 * @example
 * ```ts
 * resolveThrottles({ connect: { rateLimit: 250 } }).connect; // { rateLimit: 250, burstLimit: 500 }
 * ```
 */
export function resolveThrottles(overrides: ThrottleOverrides = {}): Record<ThrottleClass, ThrottleLimit> {
  for (const name of Object.keys(overrides)) {
    if (!throttleClasses.includes(name as ThrottleClass)) {
      throw new TopologyError(
        `Unknown throttle class "${name}"; the classes are ${throttleClasses.join(', ')}`,
      );
    }
  }
  const resolved = {} as Record<ThrottleClass, ThrottleLimit>;
  for (const name of throttleClasses) {
    const limit = { ...throttleLimits[name], ...overrides[name] };
    if (!(Number.isFinite(limit.rateLimit) && limit.rateLimit >= 0)) {
      throw new TopologyError(`throttles.${name}.rateLimit must be a non-negative number`);
    }
    if (!(Number.isInteger(limit.burstLimit) && limit.burstLimit >= 0)) {
      throw new TopologyError(`throttles.${name}.burstLimit must be a non-negative whole number`);
    }
    resolved[name] = limit;
  }
  return resolved;
}

/**
 * A limit as an entry of a stage's `RouteSettings`, a JSON property that CloudFormation receives as
 * written (so in its own capitalisation).
 */
export const routeSettings = (limit: ThrottleLimit): Record<string, number> => ({
  ThrottlingRateLimit: limit.rateLimit,
  ThrottlingBurstLimit: limit.burstLimit,
});
