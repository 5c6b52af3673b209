import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.js';

/** Marks outlive any stream delay by far, and then expire (the table's `ttl`). */
const MARK_TTL_SECONDS = 600;

/**
 * Sets and removes attributes of the fast path's marks items (`POSTED#…`, one per change) in the
 * connections table, one update per item, and sets their expiry again, so that no write, whichever
 * creates the item, leaves it without one. Only the named attributes change: the write path and the
 * parts never overwrite each other's.
 *
 * @example
 * await updateMarkItems(client, [markItemKey(change)], [['p3', 1]], [], Date.now());
 */
export async function updateMarkItems(
  client: DynamoDBDocumentClient,
  keys: readonly Record<string, string>[],
  set: readonly (readonly [string, number])[],
  remove: readonly string[],
  now: number,
): Promise<void> {
  const names: Record<string, string> = { '#ttl': 'ttl' };
  const values: Record<string, number> = { ':ttl': Math.floor(now / 1000) + MARK_TTL_SECONDS };
  const assignments = ['#ttl = :ttl'];
  for (const [attribute, value] of set) {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    assignments.push(`#${attribute} = :${attribute}`);
  }
  for (const attribute of remove) names[`#${attribute}`] = attribute;
  const expression =
    `SET ${assignments.join(', ')}` +
    (remove.length === 0 ? '' : ` REMOVE ${remove.map((attribute) => `#${attribute}`).join(', ')}`);
  const table = tableName('connections');
  await Promise.all(
    keys.map((Key) =>
      client.send(
        new UpdateCommand({
          TableName: table,
          Key,
          UpdateExpression: expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    ),
  );
}
