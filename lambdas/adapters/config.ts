import { type StreamName, streams, type TableName, tableNamed } from '@switchboard/topology';

/**
 * The functions' configuration: the environment variables the stack (or the local runtime) sets,
 * read through here only. Read when first needed rather than at import, so the same module serves
 * Lambda, the local runtime and tests.
 */

/** An optional setting: its value, or `undefined` when unset or empty. */
export function setting(envVar: string): string | undefined {
  const value = process.env[envVar];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A setting the function cannot run without.
 *
 * @example
 * ```ts
 * const endpoint = requiredSetting('WS_MANAGEMENT_ENDPOINT');
 * ```
 */
export function requiredSetting(envVar: string, what?: string): string {
  const value = setting(envVar);
  if (value === undefined)
    throw new Error(`Environment variable ${envVar}${what ? ` (${what})` : ''} is not set`);
  return value;
}

/** A whole number ≥ 0, or `undefined` when unset or not one. */
export function countSetting(envVar: string): number | undefined {
  const value = Number(setting(envVar) ?? Number.NaN);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A declared table's physical name, from the environment variable the topology names. */
export function tableName(table: TableName): string {
  return requiredSetting(tableNamed(table).envVar, `table "${table}"`);
}

/** A declared stream's physical name, from the environment variable the topology names. */
export function streamName(name: StreamName): string {
  const declaration = streams.find((s) => s.name === name);
  if (!declaration) throw new Error(`No stream declared as "${name}"`);
  return requiredSetting(declaration.envVar, `stream "${name}"`);
}
