import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type CursorRule, decodeCursor, encodeCursor, type PageKey } from '../../domain/cursor.js';
import type { Page, PageRequest } from '../../services/ports.js';
import { AGAIN, retry } from '../../services/retry.js';

export type Item = Record<string, unknown>;

/** Reads every page of a Query. */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Reads one page of `page.limit` items, going on past pages a filter emptied. It reads one item
 * more than it returns, so that a cursor (the key of the last item returned) comes only when an item
 * follows: a page that ends at the last item sends no client after an empty one. `cursorRules`
 * names the cursor's attributes and what each must hold: the query's partition key exactly, a sort
 * key its prefix.
 */
export async function queryPage(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  page: PageRequest,
  cursorRules: Readonly<Record<string, CursorRule>>,
): Promise<Page<Item>> {
  const items: Item[] = [];
  let start: PageKey | undefined = page.cursor ? decodeCursor(page.cursor, cursorRules) : undefined;
  do {
    const out = await client.send(
      new QueryCommand({ ...input, ExclusiveStartKey: start, Limit: page.limit + 1 - items.length }),
    );
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey as PageKey | undefined;
  } while (start && items.length <= page.limit);
  if (items.length <= page.limit) return { items };
  const shown = items.slice(0, page.limit);
  const last = shown.at(-1) as Item;
  const key = Object.fromEntries(Object.keys(cursorRules).map((a) => [a, String(last[a])]));
  return { items: shown, cursor: encodeCursor(key) };
}

const BATCH_GET_KEYS = 100;
/** Unprocessed keys mean throttling: asked for again after 20 ms, doubling, 8 requests in all. */
const BATCH_GET_RETRIES = { attempts: 8, delayMs: (retry: number) => 20 * 2 ** (retry - 1) };

/**
 * Reads items by key, 100 keys per BatchGetItem, retrying unprocessed keys with backoff. Items that
 * do not exist are simply absent from the result, which is in no particular order. `consistent`
 * reads what was written a moment ago.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly object[],
  projection?: { readonly expression: string; readonly names: Readonly<Record<string, string>> },
  consistent = false,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_KEYS) {
    let pending = keys.slice(i, i + BATCH_GET_KEYS) as Item[];
    await retry(BATCH_GET_RETRIES, async () => {
      const request = {
        Keys: pending,
        ...(consistent ? { ConsistentRead: true } : {}),
        ...(projection
          ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names }
          : {}),
      };
      const result: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({ RequestItems: { [table]: request } }),
      );
      items.push(...((result.Responses?.[table] ?? []) as Item[]));
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
      return pending.length > 0 ? AGAIN : undefined;
    });
  }
  return items;
}

/** The stored value without its key attributes. */
export function withoutKeys<T>(item: Item, extra: readonly string[] = []): T {
  const value: Item = { ...item };
  for (const attribute of ['pk', 'sk', ...extra]) delete value[attribute];
  return value as T;
}
