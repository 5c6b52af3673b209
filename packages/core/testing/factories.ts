import { createHash } from 'node:crypto';

/** A flag that is on, serves variation 1 (`false`) by default and 0 (`true`) when its rule matches. */
export function flag(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key: 'flag',
    version: 1,
    on: true,
    salt: 'salt',
    variations: [true, false],
    offVariation: 1,
    fallthrough: { variation: 1 },
    ...overrides,
  };
}

/** A flag whose only rule has the given clauses: `true` when they all match, else `false`. */
export function flagWithClauses(...clauses: Record<string, unknown>[]): Record<string, unknown> {
  return flag({ rules: [{ id: 'rule', variation: 0, clauses }] });
}

/** Flags or segments keyed by their `key`, as an evaluator takes them. */
export const byKey = <T extends { readonly key?: unknown }>(items: readonly T[]): Record<string, T> =>
  Object.fromEntries(items.map((item) => [String(item.key), item]));

export function segment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { key: 'segment', version: 1, salt: 'segment-salt', ...overrides };
}

export const user = (key = 'user-key', attributes: Record<string, unknown> = {}) => ({
  kind: 'user',
  key,
  ...attributes,
});

/** The bucket of a hash input, computed the way the reference SDK does (node:crypto, hex, parseInt). */
export function referenceBucket(input: string): number {
  return parseInt(createHash('sha1').update(input).digest('hex').substring(0, 15), 16) / (2 ** 60 - 1);
}
