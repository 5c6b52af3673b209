import { describe, expect, it } from 'vitest';
import { encodeOnce, negotiateEncoding } from './compression.js';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['identity', 'identity'],
  ])('%s → %s', (header, encoding) => {
    expect(negotiateEncoding(header)).toBe(encoding);
  });
});

describe('encodeOnce', () => {
  it('encodes once per owner and encoding', () => {
    const owner = {};
    const first = encodeOnce(owner, '{"a":1}', 'gzip');
    expect(encodeOnce(owner, '{"a":1}', 'gzip')).toBe(first);
    expect(Buffer.from(encodeOnce(owner, '{"a":1}', 'identity')).toString()).toBe('{"a":1}');
  });
});
