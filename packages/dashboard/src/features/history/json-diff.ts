import { create } from 'jsondiffpatch';

/**
 * The differ the history uses: array items (rules, targets, variations) are matched by their `id` or
 * `key` when they have one, so a reordered or inserted rule shows as a move or an insert instead of
 * every later rule "changing".
 */
export const differ = create({
  objectHash: (item: object, index?: number) => {
    const o = item as { id?: unknown; key?: unknown };
    return typeof o.id === 'string' ? o.id : typeof o.key === 'string' ? o.key : `$$index:${index}`;
  },
});

/** Whether two JSON values are equal. */
export const sameJson = (a: unknown, b: unknown): boolean => differ.diff(a, b) === undefined;
