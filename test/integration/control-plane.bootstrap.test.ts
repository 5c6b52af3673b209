import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdminTokenRegistrar } from '../../lambdas/admin-token-registrar.js';
import { ensureAdminToken } from '../../lambdas/bootstrap.js';
import { sha256 } from '../../lambdas/domain/credentials.js';
import { caller, managementApi, newAdminToken } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

const secrets = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:admin';

beforeAll(async () => {
  await createIsolatedTables();
});

beforeEach(() => {
  secrets.reset();
});

/** A deployment's run of the registrar, with the stack's secret holding `secret`. */
async function deploy(secret: string): Promise<void> {
  secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: secret });
  await createAdminTokenRegistrar({ secrets: new SecretsManagerClient({}), adminTokenSecretArn: ARN })();
}

const call = caller({ api: managementApi(), sdk: managementApi() });

/** The listed bootstrap-admin tokens that are `token` (the tables are shared by this file's tests). */
const bootstrapTokens = async (token: string): Promise<{ id: string }[]> =>
  (await call('GET', '/api/v1/tokens', { token })).json.items.filter(
    (t: { id: string; name: string }) =>
      t.name === 'bootstrap-admin' && t.id.endsWith(sha256(token).slice(0, 12)),
  );

describe('admin token registrar', () => {
  it('registers the token from Secrets Manager as bootstrap-admin, once however often it runs', async () => {
    const token = newAdminToken();
    await deploy(JSON.stringify({ token }));
    expect(await bootstrapTokens(token)).toHaveLength(1);
    await deploy(token);
    expect(await bootstrapTokens(token)).toHaveLength(1);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  // The docs say to revoke the bootstrap token once people have their own: a later deployment reads
  // the secret again, and must not bring the revoked token back.
  it('keeps a revoked bootstrap token revoked through later deployments', async () => {
    const [token, other] = [newAdminToken(), newAdminToken()];
    await ensureAdminToken(other);
    await deploy(token);
    const [bootstrap] = await bootstrapTokens(token);
    const revoked = await call('DELETE', '/api/v1/tokens/{token}', {
      token: other,
      params: { token: bootstrap?.id ?? '' },
    });
    expect(revoked.status).toBe(204);
    await deploy(token);
    expect((await call('GET', '/api/v1/projects', { token })).status).toBe(401);
  });

  it('fails when the secret is not an sbt_ token', async () => {
    await expect(deploy('hunter2')).rejects.toThrow(/sbt_/);
  });

  it('fails when the secret has no string value', async () => {
    secrets.on(GetSecretValueCommand).resolves({});
    await expect(
      createAdminTokenRegistrar({ secrets: new SecretsManagerClient({}), adminTokenSecretArn: ARN })(),
    ).rejects.toThrow(/SecretString/);
  });
});

describe('management functions', () => {
  afterEach(() => {
    delete process.env.ADMIN_TOKEN_SECRET_ARN;
  });

  it('never read Secrets Manager, even where ADMIN_TOKEN_SECRET_ARN is set', async () => {
    process.env.ADMIN_TOKEN_SECRET_ARN = ARN;
    const token = newAdminToken();
    secrets.on(GetSecretValueCommand).resolves({ SecretString: token });
    const fresh = caller({ api: managementApi(), sdk: managementApi() });
    expect((await fresh('GET', '/api/v1/openapi.json')).status).toBe(200);
    expect((await fresh('GET', '/api/v1/projects', { token })).status).toBe(401);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});

describe('ensureAdminToken', () => {
  it('is idempotent and concurrent-safe', async () => {
    const token = newAdminToken();
    await Promise.all([ensureAdminToken(token), ensureAdminToken(token), ensureAdminToken(token)]);
    expect(await bootstrapTokens(token)).toHaveLength(1);
  });

  it('refuses a token that is not an sbt_ token', async () => {
    await expect(ensureAdminToken('hunter2')).rejects.toThrow(/sbt_/);
  });
});
