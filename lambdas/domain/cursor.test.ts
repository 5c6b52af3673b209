import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

const rules = { pk: 'PROJECT#p', sk: { prefix: 'FLAG#' } };

describe('cursor', () => {
  it('round-trips a key', () => {
    const key = { pk: 'PROJECT#p', sk: 'FLAG#x' };
    expect(decodeCursor(encodeCursor(key), rules)).toEqual(key);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['another partition', encodeCursor({ pk: 'TOKENS', sk: 'FLAG#x' })],
    ['the partition of a key that starts with this one', encodeCursor({ pk: 'PROJECT#p2', sk: 'FLAG#x' })],
    ['a sort key outside the prefix', encodeCursor({ pk: 'PROJECT#p', sk: 'SEGMENT#x' })],
    ['missing attribute', encodeCursor({ pk: 'PROJECT#p' })],
    ['extra attribute', encodeCursor({ pk: 'PROJECT#p', sk: 'FLAG#x', gsi: 'y' })],
    ['non-string value', Buffer.from(JSON.stringify({ pk: 'PROJECT#p', sk: 1 })).toString('base64url')],
    ['an array', Buffer.from('[]').toString('base64url')],
  ])('rejects %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor, rules)).toThrow(expect.objectContaining({ field: 'cursor' }));
  });
});
