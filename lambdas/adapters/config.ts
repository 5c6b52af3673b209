import { type TableName, tableNamed } from '@switchboard/topology';

/**
 * Physical table names, read from the environment variables the topology declares. Read when first
 * needed rather than at import, so the same module serves Lambda, the local runtime and tests.
 */
export function tableName(table: TableName): string {
  const envVar = tableNamed(table).envVar;
  const name = process.env[envVar];
  if (!name) throw new Error(`Environment variable ${envVar} (table "${table}") is not set`);
  return name;
}
