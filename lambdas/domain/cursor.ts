import { ValidationError } from '../errors.js';

/** A DynamoDB key of string attributes, as `LastEvaluatedKey` carries it. */
export type PageKey = Record<string, string>;

/**
 * Cursors are opaque to clients: base64url JSON of the last key read. Decoding accepts only an object
 * with exactly the expected attributes, each a string the query's key condition admits, so a forged
 * cursor, or one another list returned, cannot steer the query into another partition (DynamoDB
 * would refuse it with a 500's worth of `ValidationException`).
 */
export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What a cursor's attribute must hold: exactly this string (a partition key: `PROJECT#demo` must
 * not admit `PROJECT#demo2`), or any string starting with `prefix` (a sort key; `''` for any).
 */
export type CursorRule = string | { readonly prefix: string };

const admits = (rule: CursorRule, value: string): boolean =>
  typeof rule === 'string' ? value === rule : value.startsWith(rule.prefix);

/** `rules` maps each key attribute to what its value must be. */
export function decodeCursor(cursor: string, rules: Readonly<Record<string, CursorRule>>): PageKey {
  const decoded = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  const invalid = new ValidationError('cursor is not one this list returned', 'cursor');
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid;
  const key = decoded as Record<string, unknown>;
  const attributes = Object.keys(rules);
  if (Object.keys(key).length !== attributes.length) throw invalid;
  for (const attribute of attributes) {
    const value = key[attribute];
    if (typeof value !== 'string' || !admits(rules[attribute] as CursorRule, value)) throw invalid;
  }
  return key as PageKey;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
