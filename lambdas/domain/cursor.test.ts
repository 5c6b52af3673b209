import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

const prefixes = { pk: 'PROJECT#p', sk: 'FLAG#' };

describe('cursor', () => {
  it('round-trips a key', () => {
    const key = { pk: 'PROJECT#p', sk: 'FLAG#x' };
    expect(decodeCursor(encodeCursor(key), prefixes)).toEqual(key);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['another partition', encodeCursor({ pk: 'TOKENS', sk: 'FLAG#x' })],
    ['missing attribute', encodeCursor({ pk: 'PROJECT#p' })],
    ['extra attribute', encodeCursor({ pk: 'PROJECT#p', sk: 'FLAG#x', gsi: 'y' })],
    ['non-string value', Buffer.from(JSON.stringify({ pk: 'PROJECT#p', sk: 1 })).toString('base64url')],
    ['an array', Buffer.from('[]').toString('base64url')],
  ])('rejects %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor, prefixes)).toThrow(expect.objectContaining({ field: 'cursor' }));
  });
});
