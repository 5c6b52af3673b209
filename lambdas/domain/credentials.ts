import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Secrets are random, shown once and stored only as SHA-256 hashes. Prefixes tell the kinds apart, so a
 * management token sent where an SDK key belongs (or the reverse) is rejected before any lookup.
 */
export const API_TOKEN_PREFIX = 'sbt_';
export const SDK_KEY_PREFIX = 'sdk-';

const SECRET = /^[A-Za-z0-9_-]{32,128}$/;

export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

const randomPart = (bytes: number) => randomBytes(bytes).toString('base64url');

export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomPart(32)}`;
export const newSdkKey = (): string => `${SDK_KEY_PREFIX}${randomPart(32)}`;
/** Client-side ids are public: long enough not to collide, not secret. */
export const newClientSideId = (): string => randomBytes(12).toString('hex');
export const newId = (): string => randomUUID();
export const newSalt = (): string => randomBytes(16).toString('hex');

function withPrefix(credential: string, prefix: string): boolean {
  return credential.startsWith(prefix) && SECRET.test(credential.slice(prefix.length));
}

export const looksLikeApiToken = (credential: string): boolean => withPrefix(credential, API_TOKEN_PREFIX);
export const looksLikeSdkKey = (credential: string): boolean => withPrefix(credential, SDK_KEY_PREFIX);

/** The credential in an `Authorization` header: `Bearer <x>`, or for SDK keys the bare key. */
export function credentialFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : header.trim();
}

export const lastFour = (secret: string): string => secret.slice(-4);
