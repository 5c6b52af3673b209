import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './messages.js';

describe('parseServerMessage', () => {
  it('reads a patch and makes the item carry the envelope key and version', () => {
    const frame = JSON.stringify({
      type: 'patch',
      kind: 'flag',
      key: 'beta',
      version: 4,
      data: { on: true },
    });
    expect(parseServerMessage(frame)).toEqual({
      type: 'patch',
      kind: 'flag',
      key: 'beta',
      version: 4,
      data: { key: 'beta', version: 4, on: true },
    });
  });

  it.each([
    ['delete', { type: 'delete', kind: 'segment', key: 's', version: 2 }],
    ['refetch', { type: 'refetch' }],
    ['pong', { type: 'pong' }],
  ])('reads a %s', (_type, message) => {
    expect(parseServerMessage(JSON.stringify(message))).toEqual(message);
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '[1]'],
    ['an unknown type', '{"type":"values","values":{}}'],
    ['an unknown kind', '{"type":"delete","kind":"user","key":"k","version":1}'],
    ['an empty key', '{"type":"delete","kind":"flag","key":"","version":1}'],
    ['a fractional version', '{"type":"delete","kind":"flag","key":"k","version":1.5}'],
    ['a patch without data', '{"type":"patch","kind":"flag","key":"k","version":1}'],
  ])('ignores %s', (_case, frame) => {
    expect(parseServerMessage(frame)).toBeUndefined();
  });
});
