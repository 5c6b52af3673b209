import { ValidationError } from '../errors.js';

/** A DynamoDB key of string attributes, as `LastEvaluatedKey` carries it. */
export type PageKey = Record<string, string>;

/**
 * Cursors are opaque to clients: base64url JSON of the last key read. Decoding accepts only an object
 * with exactly the expected attributes, each a string starting with its expected prefix, so a forged
 * cursor cannot steer the query into another partition.
 */
export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** `prefixes` maps each key attribute to the prefix its value must have (`''` for any). */
export function decodeCursor(cursor: string, prefixes: Readonly<Record<string, string>>): PageKey {
  const decoded = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  const invalid = new ValidationError('cursor is not one this list returned', 'cursor');
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid;
  const key = decoded as Record<string, unknown>;
  const attributes = Object.keys(prefixes);
  if (Object.keys(key).length !== attributes.length) throw invalid;
  for (const attribute of attributes) {
    const value = key[attribute];
    if (typeof value !== 'string' || !value.startsWith(prefixes[attribute] ?? '')) throw invalid;
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
