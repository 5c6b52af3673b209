/** JSON with object keys sorted, so equal documents compare and hash equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/**
 * Whether two JSON documents are equal, whatever the order of their objects' keys.
 *
 * @example
 * ```ts
 * jsonEqual({ a: 1, b: [2] }, { b: [2], a: 1 }); // → true
 * ```
 */
export const jsonEqual = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** A value equal to an earlier one in its list: `index` repeats the value at `first`. */
export interface RepeatedValue {
  readonly index: number;
  readonly first: number;
}

/**
 * The values that repeat an earlier one, JSON compared whatever the order of objects' keys.
 *
 * @example
 * ```ts
 * repeatedValues(['a', 'b', 'a']); // → [{ index: 2, first: 0 }]
 * ```
 */
export function repeatedValues(values: readonly unknown[]): RepeatedValue[] {
  const seen = new Map<string, number>();
  return values.flatMap((value, index) => {
    const json = canonicalJson(value);
    const first = seen.get(json);
    if (first !== undefined) return [{ index, first }];
    seen.set(json, index);
    return [];
  });
}
