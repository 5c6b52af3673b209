import type { FlagResult } from './values.js';

/**
 * Flag values rendered by the page's server: LaunchDarkly's `allFlagsState(context).toJSON()` format
 * (`{ "flag": value, …, "$flagsState": { "flag": { variation, version, reason } }, "$valid": true }`,
 * also what the Switchboard Node SDK's `allFlagsState(context, { clientSideOnly: true }).toJSON()`
 * gives), that SDK's `allFlagsState()` object itself, or a plain `{ "flag": value }` map.
 */
export type Bootstrap = Readonly<Record<string, unknown>> | { toJSON(): Readonly<Record<string, unknown>> };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A bootstrap as data: an object with a `toJSON` method (the Node SDK's `allFlagsState()` object) is
 * read as `JSON.stringify` would send it, so the object, its `toJSON()` and a JSON round trip of it
 * all read the same. JSON holds no functions, so no map of flags is mistaken for it, whatever its
 * flags are named (`valid`, `flags`, `toJSON`).
 */
const asData = (bootstrap: unknown): unknown =>
  isObject(bootstrap) && typeof bootstrap.toJSON === 'function' ? bootstrap.toJSON() : bootstrap;

/**
 * The flag results in a bootstrap, or undefined when it is unusable (not an object, or
 * `$valid: false`, which the server SDK sets when it had no data). A plain map's entries get
 * version 0 and no variation, so any live value replaces them.
 *
 * @example
 * ```ts
 * readBootstrap({ beta: true, $flagsState: { beta: { variation: 0, version: 4 } }, $valid: true });
 * // → { beta: { value: true, variationIndex: 0, version: 4 } }
 * ```
 */
export function readBootstrap(given: unknown): Record<string, FlagResult> | undefined {
  const bootstrap = asData(given);
  if (!isObject(bootstrap) || bootstrap.$valid === false) return undefined;
  const states = isObject(bootstrap.$flagsState) ? bootstrap.$flagsState : {};
  const out: Record<string, FlagResult> = {};
  for (const key in bootstrap) {
    if (key.startsWith('$')) continue;
    const state = states[key];
    const meta = isObject(state) ? state : {};
    out[key] = {
      value: bootstrap[key],
      variationIndex: typeof meta.variation === 'number' ? meta.variation : null,
      ...(isObject(meta.reason) ? { reason: meta.reason as unknown as FlagResult['reason'] } : {}),
      version: typeof meta.version === 'number' ? meta.version : 0,
    } as FlagResult;
  }
  return out;
}
