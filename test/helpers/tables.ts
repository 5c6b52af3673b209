import { randomUUID } from 'node:crypto';
import { createTables, localDynamoClient } from '@switchboard/local/engines/dynamodb';
import { tables } from '@switchboard/topology';
import { inject } from 'vitest';

/**
 * Creates every declared table under a fresh name prefix and points the handlers' environment
 * variables at them, as the stack does on Lambda. Returns the physical names by logical name.
 */
export async function createIsolatedTables(): Promise<Record<string, string>> {
  const endpoint = inject('dynamoEndpoint');
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const names: Record<string, string> = {};
  const client = localDynamoClient(endpoint);
  try {
    await createTables(client, tables, (table) => {
      const name = `${prefix}-${table.name}`;
      names[table.name] = name;
      process.env[table.envVar] = name;
      return name;
    });
  } finally {
    client.destroy();
  }
  return names;
}
