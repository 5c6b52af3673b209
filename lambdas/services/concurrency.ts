/**
 * Runs `task` over `items` with at most `limit` in flight, in item order, and resolves when all have
 * settled. Rejections are collected, not thrown, so one failure does not abandon the rest.
 */
export async function forEachLimited<T>(
  items: Iterable<T>,
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<unknown[]> {
  const iterator = items[Symbol.iterator]();
  const errors: unknown[] = [];
  const lane = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      try {
        await task(next.value);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  return errors;
}
