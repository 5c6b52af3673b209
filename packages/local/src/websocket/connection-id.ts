import { randomBytes } from 'node:crypto';

/**
 * A connection id shaped like API Gateway's (`L0SM9cOFvHcCIhw=`: 11 random bytes in base64), drawn
 * from the URL-safe alphabet so that it can stand in an `@connections/{id}` path unescaped.
 */
export const newConnectionId = (): string => randomBytes(11).toString('base64url').concat('=');
