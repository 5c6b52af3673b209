import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type PageKey } from '../../domain/cursor.js';
import type { Page, PageRequest } from '../../services/ports.js';

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
 * Reads one page of `page.limit` items, going on past pages a filter emptied. The cursor is the key
 * of the last item returned; `cursorPrefixes` names its attributes and the prefix each must have.
 */
export async function queryPage(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  page: PageRequest,
  cursorPrefixes: Readonly<Record<string, string>>,
): Promise<Page<Item>> {
  const items: Item[] = [];
  let start: PageKey | undefined = page.cursor ? decodeCursor(page.cursor, cursorPrefixes) : undefined;
  let more = true;
  while (more && items.length < page.limit) {
    const out = await client.send(
      new QueryCommand({ ...input, ExclusiveStartKey: start, Limit: page.limit - items.length }),
    );
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey as PageKey | undefined;
    more = start !== undefined;
  }
  const last = items.at(-1);
  if (!more || !last) return { items };
  const key = Object.fromEntries(Object.keys(cursorPrefixes).map((a) => [a, String(last[a])]));
  return { items, cursor: encodeCursor(key) };
}

/** The stored value without its key attributes. */
export function withoutKeys<T>(item: Item, extra: readonly string[] = []): T {
  const value: Item = { ...item };
  for (const attribute of ['pk', 'sk', ...extra]) delete value[attribute];
  return value as T;
}
