/**
 * Every item of a cursor-paged list: calls `page` with the previous answer's cursor until it has none.
 *
 * @example
 * const tokens = await allPages(async (cursor) =>
 *   unwrap(await api.GET('/api/v1/tokens', { params: { query: { limit: 200, cursor } } })),
 * );
 */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.cursor;
  } while (cursor);
  return items;
}
