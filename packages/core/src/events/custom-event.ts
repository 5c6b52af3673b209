import { EVENT_LIMITS, isEventKey, isMetricValue } from './limits.js';
import type { CustomEvent } from './model.js';
import { contextKeysOf } from './summarizer.js';

/**
 * The custom event an SDK's `track()` records, or why it drops it. Ingest refuses a whole post for
 * one bad event, so what it would refuse never joins the buffer. A non-finite metric value is left out.
 *
 * @example
 * ```ts
 * customEvent('checkout', { kind: 'user', key: 'u-42' }, { cart: 3 }, 99.5, Date.now()); // { event }
 * ```
 */
export function customEvent(
  key: string,
  context: unknown,
  data: unknown,
  metricValue: number | undefined,
  now: number,
): { readonly event: CustomEvent } | { readonly problem: string } {
  const contextKeys = contextKeysOf(context);
  if (typeof key !== 'string' || key === '' || Object.keys(contextKeys).length === 0) {
    return { problem: 'track() needs an event key and a context with a key' };
  }
  const metric = typeof metricValue === 'number' && Number.isFinite(metricValue) ? metricValue : undefined;
  if (!isEventKey(key) || (metric !== undefined && !isMetricValue(metric))) {
    const { min, max } = EVENT_LIMITS.metricMagnitude;
    return {
      problem: `track(${JSON.stringify(key)}) has a key or metric value the service refuses (keys are 1-${EVENT_LIMITS.keyLength} characters without "#" or control characters; metric values 0 or ${min} to ${max} in magnitude)`,
    };
  }
  const json = data === undefined ? undefined : asJson(data);
  if (json && 'error' in json)
    return { problem: `track(${JSON.stringify(key)}) data is not JSON (${json.error})` };
  return {
    event: {
      kind: 'custom',
      key,
      contextKeys,
      ...(json ? { data: json.value } : {}),
      ...(metric === undefined ? {} : { metricValue: metric }),
      creationDate: now,
    },
  };
}

/**
 * `data` as the post will carry it, or why JSON cannot hold it. Checked at the call: a BigInt or a
 * cycle found only at the flush would throw inside a timer and end the process. The copy also keeps
 * the caller's later changes to `data` out of the event.
 */
function asJson(data: unknown): { readonly value: unknown } | { readonly error: string } {
  try {
    return { value: JSON.parse(JSON.stringify(data)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
