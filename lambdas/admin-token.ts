import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsRequestHandler } from './adapters/client-options.js';
import { looksLikeApiToken, sha256 } from './domain/credentials.js';
import { WriteConflictError } from './errors.js';
import type { TokenRegistry } from './services/token-registry.js';

export const BOOTSTRAP_TOKEN_NAME = 'bootstrap-admin';

/**
 * Registers `token` as a global admin token unless it already is; safe to run concurrently and
 * repeatedly. The registration is audited in the global log, by the `system` actor.
 */
export async function ensureTokenRegistered(tokens: TokenRegistry, token: string): Promise<void> {
  if (!looksLikeApiToken(token)) {
    throw new Error('The admin token must be "sbt_" followed by 32-128 letters, digits, "_" or "-"');
  }
  if (await tokens.isRegistered(token)) return;
  try {
    await tokens.register(token, {
      id: `${BOOTSTRAP_TOKEN_NAME}-${sha256(token).slice(0, 12)}`,
      name: BOOTSTRAP_TOKEN_NAME,
      role: 'admin',
    });
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
  }
}

/** The secret holds the token itself, or JSON with a `token` field. */
export function tokenFromSecret(secret: string): string {
  try {
    const parsed: unknown = JSON.parse(secret);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { token?: unknown }).token === 'string'
    ) {
      return (parsed as { token: string }).token;
    }
  } catch {
    // Not JSON: the secret is the token.
  }
  return secret.trim();
}

/**
 * Reads the admin token from Secrets Manager and registers it (`admin-token-registrar` does, at
 * deployment). The Secrets Manager client is imported here, not at import: the local runtime loads
 * the registrar with every other function and never runs it.
 */
export async function bootstrapFromSecret(
  secrets: SecretsManagerClient | undefined,
  secretArn: string,
  tokens: TokenRegistry,
): Promise<void> {
  const { GetSecretValueCommand, SecretsManagerClient: Client } = await import(
    '@aws-sdk/client-secrets-manager'
  );
  const client = secrets ?? new Client({ requestHandler: awsRequestHandler() });
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!out.SecretString) throw new Error('The admin token secret has no SecretString');
  await ensureTokenRegistered(tokens, tokenFromSecret(out.SecretString));
}
