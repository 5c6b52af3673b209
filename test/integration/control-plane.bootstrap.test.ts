import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminToken } from '../../lambdas/bootstrap.js';
import { sha256 } from '../../lambdas/domain/credentials.js';
import { caller, managementApi, newAdminToken } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

const secrets = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:admin';

beforeAll(async () => {
  await createIsolatedTables();
});

function apiWith(adminTokenSecretArn: string | undefined) {
  const api = managementApi({ secrets: new SecretsManagerClient({}), adminTokenSecretArn });
  return caller({ api, sdk: api });
}

describe('admin token bootstrap', () => {
  it('registers the token from Secrets Manager at cold start, once, as bootstrap-admin', async () => {
    const token = newAdminToken();
    secrets.reset();
    secrets
      .on(GetSecretValueCommand, { SecretId: ARN })
      .resolves({ SecretString: JSON.stringify({ token }) });
    const call = apiWith(ARN);
    const list = await call('GET', '/api/v1/tokens', { token });
    expect(list.status).toBe(200);
    expect(list.json.items.filter((t: { name: string }) => t.name === 'bootstrap-admin')).toHaveLength(1);
    await call('GET', '/api/v1/tokens', { token });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    await apiWith(ARN)('GET', '/api/v1/projects', { token });
    const again = await call('GET', '/api/v1/tokens', { token });
    expect(again.json.items.filter((t: { name: string }) => t.name === 'bootstrap-admin')).toHaveLength(1);
  });

  // The docs say to revoke the bootstrap token once people have their own: every cold start reads
  // the secret again, and must not bring the revoked token back.
  it('keeps a revoked bootstrap token revoked through later cold starts', async () => {
    const [token, other] = [newAdminToken(), newAdminToken()];
    await ensureAdminToken(other);
    secrets.reset();
    secrets
      .on(GetSecretValueCommand, { SecretId: ARN })
      .resolves({ SecretString: JSON.stringify({ token }) });
    const listed = await apiWith(ARN)('GET', '/api/v1/tokens', { token });
    const bootstrap = listed.json.items.find(
      (t: { id: string; name: string }) =>
        t.name === 'bootstrap-admin' && t.id.endsWith(sha256(token).slice(0, 12)),
    );
    expect(
      (
        await apiWith(ARN)('DELETE', '/api/v1/tokens/{token}', {
          token: other,
          params: { token: bootstrap.id },
        })
      ).status,
    ).toBe(204);
    const coldAgain = await apiWith(ARN)('GET', '/api/v1/projects', { token });
    expect(coldAgain.status).toBe(401);
    expect(secrets.commandCalls(GetSecretValueCommand).length).toBeGreaterThanOrEqual(3);
  });

  it('does not touch Secrets Manager without ADMIN_TOKEN_SECRET_ARN', async () => {
    secrets.reset();
    const status = (await apiWith(undefined)('GET', '/api/v1/openapi.json')).status;
    expect(status).toBe(200);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('ensureAdminToken is idempotent and concurrent-safe', async () => {
    const token = newAdminToken();
    await Promise.all([ensureAdminToken(token), ensureAdminToken(token), ensureAdminToken(token)]);
    const result = await apiWith(undefined)('GET', '/api/v1/tokens', { token });
    expect(result.status).toBe(200);
  });

  it('refuses a token that is not an sbt_ token', async () => {
    await expect(ensureAdminToken('hunter2')).rejects.toThrow(/sbt_/);
  });
});
