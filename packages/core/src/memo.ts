/**
 * Memoizes a parser of context values (semantic versions, dates). One context is usually evaluated
 * against many flags, so the same string is parsed over and over; the cache is simply emptied when
 * full, which bounds memory without the bookkeeping of an LRU.
 */
export function memoizeParse<T>(parse: (input: string) => T, limit = 1024): (input: string) => T {
  const cache = new Map<string, T>();
  return (input) => {
    const known = cache.get(input);
    if (known !== undefined || cache.has(input)) return known as T;
    if (cache.size >= limit) cache.clear();
    const parsed = parse(input);
    cache.set(input, parsed);
    return parsed;
  };
}
