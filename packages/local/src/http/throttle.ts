import type { ThrottleLimit } from '@switchboard/topology';

/** Decides whether a request to a route is admitted now; false means answer 429. */
export type RouteThrottle = (routeKey: string) => boolean;

/**
 * API Gateway's throttling as a token bucket per route: a route starts with `burstLimit` tokens,
 * regains `rateLimit` per second up to `burstLimit`, and each admitted request takes one. A route
 * `limitOf` knows nothing of is not throttled.
 *
 * @example
 * ```ts
 * const admit = createRouteThrottle((key) => throttleLimits.sdk, () => performance.now());
 * if (!admit('GET /sdk/v1/flags')) return gatewayError(429, 'Too Many Requests');
 * ```
 */
export function createRouteThrottle(
  limitOf: (routeKey: string) => ThrottleLimit | undefined,
  nowMs: () => number,
): RouteThrottle {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (routeKey) => {
    const limit = limitOf(routeKey);
    if (!limit) return true;
    const now = nowMs();
    const bucket = buckets.get(routeKey) ?? { tokens: limit.burstLimit, at: now };
    bucket.tokens = Math.min(limit.burstLimit, bucket.tokens + ((now - bucket.at) / 1000) * limit.rateLimit);
    bucket.at = now;
    buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
