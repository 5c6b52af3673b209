import type { FlagResult } from './values.js';

/**
 * Flag values rendered by the page's server: LaunchDarkly's `allFlagsState(context).toJSON()` format
 * (`{ "flag": value, …, "$flagsState": { "flag": { variation, version, reason } }, "$valid": true }`,
 * also what the Switchboard Node SDK's `allFlagsState(context, { clientSideOnly: true }).toJSON()`
 * gives), that SDK's `allFlagsState()` object itself, or a plain `{ "flag": value }` map.
 */
export type Bootstrap = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The Switchboard Node SDK's `allFlagsState()` object itself (`{ valid, flags: { key: { value,
 * variationIndex, version, reason? } } }`), passed without `toJSON()`: exactly those two fields,
 * every flag an object with a value and a version.
 */
function isFlagsState(
  value: Record<string, unknown>,
): value is { valid: boolean; flags: Record<string, FlagResult> } {
  const { valid, flags, ...rest } = value;
  return (
    typeof valid === 'boolean' &&
    isObject(flags) &&
    Object.keys(rest).length === 0 &&
    Object.values(flags).every(
      (flag) => isObject(flag) && 'value' in flag && typeof flag.version === 'number',
    )
  );
}

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
export function readBootstrap(bootstrap: unknown): Record<string, FlagResult> | undefined {
  if (!isObject(bootstrap) || bootstrap.$valid === false) return undefined;
  if (isFlagsState(bootstrap)) return bootstrap.valid ? bootstrap.flags : undefined;
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
