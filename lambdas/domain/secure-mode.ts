import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalKey } from '@switchboard/core';

/**
 * Secure mode: a browser may only be evaluated for a context the customer's server signed. The
 * signature is `hex(HMAC-SHA256(key = hex(SHA-256(sdkKey)), message = canonicalKey(context)))`, so
 * the server verifies it with the SDK key hashes it already stores, never holding a key.
 */

/**
 * The secure-mode hash of a context for an SDK key given by its SHA-256 hex digest; undefined for a
 * value that is not a context with keys.
 *
 * @example
 * secureModeHash(sha256('sdk-…'), { kind: 'user', key: 'ada' }); // → '5b1e…' (64 hex characters)
 */
export function secureModeHash(sdkKeyHash: string, context: unknown): string | undefined {
  const key = canonicalKey(context);
  return key === undefined ? undefined : createHmac('sha256', sdkKeyHash).update(key).digest('hex');
}

/** An SDK key as the environment stores it: its hash and, while rotating out, its expiry. */
export interface SigningKey {
  readonly hash: string;
  readonly expiresAt?: string | undefined;
}

/**
 * Whether `hash` signs `context` with one of `keys` not expired at `now` (ISO time); constant-time
 * per key, case-insensitive hex.
 *
 * @example
 * verifySecureModeHash(hash, context, environment.sdkKeys, new Date().toISOString()); // → true
 */
export function verifySecureModeHash(
  hash: string,
  context: unknown,
  keys: readonly SigningKey[],
  now: string,
): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) return false;
  const given = Buffer.from(hash.toLowerCase(), 'hex');
  return keys.some((key) => {
    if (key.expiresAt !== undefined && key.expiresAt <= now) return false;
    const expected = secureModeHash(key.hash, context);
    return expected !== undefined && timingSafeEqual(Buffer.from(expected, 'hex'), given);
  });
}
