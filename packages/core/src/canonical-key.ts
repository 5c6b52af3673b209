import { isObject } from './nulls.js';

/** `%` and `:` are the separators of a canonical key, so they are escaped inside a key. */
const escapeKey = (key: string): string => key.replace(/%/g, '%25').replace(/:/g, '%3A');

const keyOf = (attributes: unknown): string | undefined => {
  if (!isObject(attributes)) return undefined;
  const { key } = attributes;
  return typeof key === 'string' && key !== '' ? key : undefined;
};

/**
 * A context's canonical key, as LaunchDarkly defines it: a `user` context's key as it is; another
 * single kind's `kind:key`; a multi-kind context's `kind:key` pairs in kind order, joined with `:`.
 * Keys are escaped (`%` → `%25`, `:` → `%3A`) except a lone user's. It identifies a context in
 * secure mode, where the customer's server signs it. `undefined` for a value that is not a context
 * with keys.
 *
 * @example
 * canonicalKey({ kind: 'user', key: 'ada' }); // → 'ada'
 * canonicalKey({ kind: 'multi', user: { key: 'ada' }, org: { key: 'a:b' } }); // → 'org:a%3Ab:user:ada'
 */
export function canonicalKey(context: unknown): string | undefined {
  if (!isObject(context)) return undefined;
  const { kind } = context;
  if (kind === undefined || kind === null || kind === 'user') return keyOf(context);
  if (typeof kind !== 'string') return undefined;
  if (kind !== 'multi') {
    const key = keyOf(context);
    return key === undefined ? undefined : `${kind}:${escapeKey(key)}`;
  }
  const kinds = Object.keys(context)
    .filter((name) => name !== 'kind')
    .sort();
  if (kinds.length === 0) return undefined;
  const parts: string[] = [];
  for (const name of kinds) {
    const key = keyOf(context[name]);
    if (key === undefined) return undefined;
    parts.push(`${name}:${escapeKey(key)}`);
  }
  return parts.join(':');
}
