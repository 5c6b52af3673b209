import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secureModeHash, verifySecureModeHash } from './secure-mode.js';

const sdkKey = 'sdk-0123456789abcdefghijklmnopqrstuvwxyzABCDEF';
const keyHash = createHash('sha256').update(sdkKey).digest('hex');

describe('secure mode hashes', () => {
  it.each([
    [{ kind: 'user', key: 'ada' }, 'ada'],
    [{ kind: 'org', key: 'a:b' }, 'org:a%3Ab'],
    [{ kind: 'multi', user: { key: 'ada' }, org: { key: 'acme' } }, 'org:acme:user:ada'],
  ])(
    'signs the canonical key with the hex SHA-256 of the SDK key, as a customer computes it',
    (context, key) => {
      // The recipe of docs/delivery.md, in plain Node crypto.
      const expected = createHmac('sha256', keyHash).update(key).digest('hex');
      expect(secureModeHash(keyHash, context)).toBe(expected);
    },
  );

  it('has no hash for a value without keys', () => {
    expect(secureModeHash(keyHash, { kind: 'user' })).toBeUndefined();
  });

  it('verifies against unexpired keys only', () => {
    const context = { kind: 'user', key: 'ada' };
    const hash = secureModeHash(keyHash, context) as string;
    const now = '2026-12-01T00:00:00.000Z';
    expect(verifySecureModeHash(hash, context, [{ hash: 'other' }, { hash: keyHash }], now)).toBe(true);
    expect(verifySecureModeHash(hash, context, [{ hash: keyHash, expiresAt: now }], now)).toBe(false);
    expect(verifySecureModeHash(hash, { kind: 'user', key: 'bob' }, [{ hash: keyHash }], now)).toBe(false);
    expect(verifySecureModeHash(hash.slice(2), context, [{ hash: keyHash }], now)).toBe(false);
  });
});
