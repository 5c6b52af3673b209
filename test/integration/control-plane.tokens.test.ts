import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { DynamoControlStore } from '../../lambdas/adapters/dynamodb/control-store.js';
import { sha256 } from '../../lambdas/domain/credentials.js';
import {
  type Call,
  type CallResult,
  controlPlane,
  FLAG,
  newAdminToken,
  P,
} from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** A clock the tests move forward, so expiry and overlap windows pass without waiting. */
const HOUR = 3_600_000;
/** Ahead of the real clock, which stamps the bootstrap token's registration, and only moving on. */
let now = Date.now() + HOUR;
const clock = { now: () => new Date(now) };

let call: Call;
let admin: string;

async function ok(promise: Promise<CallResult>): Promise<CallResult['json']> {
  const result = await promise;
  if (result.status >= 300)
    throw new Error(`Fixture failed: ${result.status} ${JSON.stringify(result.json)}`);
  return result.json;
}

const createToken = (body: Record<string, unknown>, token = admin) =>
  call('POST', '/api/v1/tokens', { token, body });

const tokenIds = async () =>
  (
    (await ok(call('GET', '/api/v1/tokens', { token: admin, query: { limit: '200' } }))).items as {
      id: string;
    }[]
  ).map((t) => t.id);

const editFlag = (token: string, project: string) =>
  call('PATCH', FLAG, {
    token,
    params: { project, flag: 'f' },
    body: { instructions: [{ kind: 'updateDescription', value: `edited at ${now}` }] },
  });

const me = (token: string) => call('GET', '/api/v1/me', { token });

const rotate = (id: string, body: Record<string, unknown> = {}) =>
  call('POST', '/api/v1/tokens/{token}/rotate', { token: admin, params: { token: id }, body });

/** Every entry of the global audit stream, newest first, read `limit` at a time. */
async function globalAudit(limit = 2): Promise<{ action: string; key: string; [k: string]: unknown }[]> {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await ok(
      call('GET', '/api/v1/audit', {
        token: admin,
        query: { limit: String(limit), ...(cursor ? { cursor } : {}) },
      }),
    );
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ clock, credentialCacheTtlMs: 0 }));
  for (const project of ['checkout', 'search', 'billing']) {
    await ok(call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: project } }));
    await ok(
      call('POST', `${P}/flags`, { token: admin, params: { project }, body: { key: 'f', name: 'F' } }),
    );
  }
});

describe('project-scoped tokens', () => {
  let ci: { id: string; token: string };
  beforeAll(async () => {
    ci = await ok(createToken({ name: 'checkout CI', projects: { checkout: 'writer', search: 'reader' } }));
  });

  it('writes where the token is a writer, reads where it is a reader, nothing elsewhere', async () => {
    expect((await editFlag(ci.token, 'checkout')).status).toBe(200);
    const readOnly = await editFlag(ci.token, 'search');
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.error.message).toMatch(/writer role in project "search"; the token has reader/);
    expect((await call('GET', P, { token: ci.token, params: { project: 'search' } })).status).toBe(200);
    const elsewhere = await editFlag(ci.token, 'billing');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json.error.message).toMatch(/no role in project "billing"/);
    expect((await call('GET', P, { token: ci.token, params: { project: 'billing' } })).status).toBe(403);
  });

  it('lists only the projects in its scope', async () => {
    const list = await ok(call('GET', '/api/v1/projects', { token: ci.token }));
    expect(list.items.map((p: { key: string }) => p.key)).toEqual(['checkout', 'search']);
    const all = await ok(call('GET', '/api/v1/projects', { token: admin }));
    expect(all.items.map((p: { key: string }) => p.key)).toEqual(['billing', 'checkout', 'search']);
  });

  it('needs a global role for routes outside a project', async () => {
    const projectAdmin = await ok(createToken({ name: 'checkout admin', projects: { checkout: 'admin' } }));
    const create = await call('POST', '/api/v1/projects', {
      token: projectAdmin.token,
      body: { key: 'sneaky', name: 'S' },
    });
    expect(create.status).toBe(403);
    expect(create.json.error.message).toMatch(/global admin role/);
    expect((await createToken({ name: 'escalate', role: 'admin' }, projectAdmin.token)).status).toBe(403);
    expect((await call('GET', '/api/v1/tokens', { token: projectAdmin.token })).status).toBe(403);
    expect((await call('GET', '/api/v1/audit', { token: projectAdmin.token })).status).toBe(403);
  });

  it('reports its scopes through /me; the bootstrap token stays a global admin', async () => {
    expect((await ok(me(ci.token))).projects).toEqual({ checkout: 'writer', search: 'reader' });
    expect((await ok(me(ci.token))).role).toBeUndefined();
    const bootstrap = await ok(me(admin));
    expect(bootstrap).toMatchObject({ name: 'bootstrap-admin', role: 'admin' });
    expect(bootstrap.projects).toBeUndefined();
  });

  it('shows its scope in the token list, never a secret or hash', async () => {
    const list = await ok(call('GET', '/api/v1/tokens', { token: admin }));
    const listed = list.items.find((t: { id: string }) => t.id === ci.id);
    expect(listed).toEqual({
      id: ci.id,
      name: 'checkout CI',
      projects: { checkout: 'writer', search: 'reader' },
      createdAt: expect.any(String),
    });
  });

  describe.each([
    ['an unknown project', { projects: { checkout: 'writer', nope: 'reader' } }, 'projects.nope'],
    ['an invalid role', { projects: { checkout: 'owner' } }, 'projects.checkout'],
    ['an invalid project key', { projects: { 'no spaces': 'reader' } }, 'projects.no spaces'],
    ['no projects', { projects: {} }, 'projects'],
    ['both a global role and projects', { role: 'reader', projects: { checkout: 'reader' } }, 'projects'],
    ['neither a role nor projects', {}, 'role'],
    ['an expiry in the past', { role: 'reader', expiresAt: '2026-05-01T00:00:00Z' }, 'expiresAt'],
    ['an expiry that is no date', { role: 'reader', expiresAt: 'tomorrow' }, 'expiresAt'],
    [
      'both expiry forms',
      { role: 'reader', expiresAt: new Date(now + 24 * HOUR).toISOString(), expiresInDays: 3 },
      'expiresInDays',
    ],
    ['a zero-day expiry', { role: 'reader', expiresInDays: 0 }, 'expiresInDays'],
  ])('refuses %s', (_name, body, field) => {
    it(`with 400 naming ${field}, creating nothing`, async () => {
      const before = await tokenIds();
      const result = await createToken({ name: 'bad', ...body });
      expect(result.status, JSON.stringify(result.json)).toBe(400);
      expect(result.json.error.field).toBe(field);
      expect(await tokenIds()).toEqual(before);
    });
  });
});

describe('expiry', () => {
  it('accepts a token until it expires, then answers 401 saying so', async () => {
    const created = await ok(createToken({ name: 'temp', role: 'reader', expiresInDays: 2 }));
    expect(created.expiresAt).toBe(new Date(now + 48 * HOUR).toISOString());
    expect((await ok(me(created.token))).expiresAt).toBe(created.expiresAt);
    const listed = (await ok(call('GET', '/api/v1/tokens', { token: admin }))).items.find(
      (t: { id: string }) => t.id === created.id,
    );
    expect(listed.expiresAt).toBe(created.expiresAt);
    now += 47 * HOUR;
    expect((await me(created.token)).status).toBe(200);
    now += 1 * HOUR;
    const expired = await me(created.token);
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toBe(`API token expired at ${created.expiresAt}`);
  });

  it('takes an absolute expiresAt', async () => {
    const at = new Date(now + 3 * HOUR).toISOString();
    const created = await ok(createToken({ name: 'until', projects: { checkout: 'reader' }, expiresAt: at }));
    expect(created.expiresAt).toBe(at);
    now += 3 * HOUR;
    expect((await me(created.token)).status).toBe(401);
  });
});

describe('rotation', () => {
  it('returns a new secret once and stops the old one at once by default', async () => {
    const created = await ok(createToken({ name: 'rotate-now', projects: { checkout: 'writer' } }));
    const rotated = await ok(rotate(created.id));
    expect(rotated).toMatchObject({ id: created.id, name: 'rotate-now', projects: { checkout: 'writer' } });
    expect(rotated.rotatedAt).toBe(new Date(now).toISOString());
    expect(rotated.token).not.toBe(created.token);
    expect((await me(created.token)).status).toBe(401);
    expect((await editFlag(rotated.token, 'checkout')).status).toBe(200);
    const listed = (await ok(call('GET', '/api/v1/tokens', { token: admin }))).items.find(
      (t: { id: string }) => t.id === created.id,
    );
    expect(listed.token).toBeUndefined();
    expect(listed.rotatedAt).toBe(rotated.rotatedAt);
  });

  it('keeps the old secret working through the overlap window', async () => {
    const created = await ok(createToken({ name: 'rotate-overlap', role: 'reader' }));
    const rotated = await ok(rotate(created.id, { expiryHours: 2 }));
    now += 2 * HOUR - 1;
    expect((await me(created.token)).status).toBe(200);
    expect((await me(rotated.token)).status).toBe(200);
    now += 1;
    expect((await me(created.token)).status).toBe(401);
    expect((await me(rotated.token)).status).toBe(200);
  });

  it('revoking during an overlap stops both secrets', async () => {
    const created = await ok(createToken({ name: 'rotate-revoke', role: 'reader' }));
    const rotated = await ok(rotate(created.id, { expiryHours: 24 }));
    await ok(call('DELETE', '/api/v1/tokens/{token}', { token: admin, params: { token: created.id } }));
    expect((await me(created.token)).status).toBe(401);
    expect((await me(rotated.token)).status).toBe(401);
  });

  it('leaves exactly one working secret after concurrent rotations', async () => {
    const created = await ok(createToken({ name: 'rotate-race', role: 'reader' }));
    const results = await Promise.all([0, 1, 2].map(() => rotate(created.id)));
    const secrets = results.filter((r) => r.status === 200).map((r) => r.json.token as string);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const working = [];
    for (const secret of [created.token, ...secrets])
      if ((await me(secret)).status === 200) working.push(secret);
    expect(working).toHaveLength(1);
  });

  it('rotates and revokes a token whose listing predates versions', async () => {
    const legacy = newAdminToken();
    const hash = sha256(legacy);
    const record = { id: 'legacy', name: 'legacy', role: 'reader' as const };
    await new DynamoControlStore(sharedDocumentClient()).transact(
      [
        { ref: { kind: 'token', hash }, value: record },
        {
          ref: { kind: 'tokenListing', id: 'legacy' },
          value: { ...record, hash, createdAt: '2026-01-01T00:00:00Z' },
        },
      ],
      [],
    );
    const rotated = await ok(rotate('legacy'));
    expect((await me(legacy)).status).toBe(401);
    expect((await me(rotated.token)).status).toBe(200);
    await ok(call('DELETE', '/api/v1/tokens/{token}', { token: admin, params: { token: 'legacy' } }));
    expect((await me(rotated.token)).status).toBe(401);
  });

  it('refuses to rotate a revoked or unknown token', async () => {
    const created = await ok(createToken({ name: 'rotate-gone', role: 'reader' }));
    await ok(call('DELETE', '/api/v1/tokens/{token}', { token: admin, params: { token: created.id } }));
    expect((await rotate(created.id)).status).toBe(404);
    expect((await rotate('nope')).status).toBe(404);
  });
});

describe('global audit stream', () => {
  it('records creation, rotation and revocation, newest first, without secrets or hashes', async () => {
    const created = await ok(
      createToken({ name: 'audited', projects: { search: 'writer' }, expiresInDays: 5 }),
    );
    now += 1;
    const rotated = await ok(rotate(created.id, { expiryHours: 1 }));
    now += 1;
    await ok(call('DELETE', '/api/v1/tokens/{token}', { token: admin, params: { token: created.id } }));
    const entries = await globalAudit();
    const mine = entries.filter((e) => e.key === created.id);
    expect(mine.map((e) => e.action)).toEqual(['revoke', 'rotate', 'create']);
    expect(mine[2]).toMatchObject({
      resource: 'token',
      actor: { name: 'bootstrap-admin' },
      after: { name: 'audited', projects: { search: 'writer' }, expiresAt: created.expiresAt },
    });
    expect(mine[1]?.comment).toMatch(/previous secret works until/);
    const text = JSON.stringify(entries);
    for (const secret of [created.token, rotated.token, admin]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(createHash('sha256').update(secret).digest('hex'));
    }
    const times = entries.map((e) => e.time as string);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('records the bootstrap admin token', async () => {
    const entries = await globalAudit(200);
    expect(entries.at(-1)).toMatchObject({
      action: 'create',
      after: { name: 'bootstrap-admin', role: 'admin' },
    });
  });

  it('keeps project audit logs free of token events', async () => {
    const log = await ok(call('GET', `${P}/audit`, { token: admin, params: { project: 'search' } }));
    expect(log.items.every((e: { resource: string }) => e.resource !== 'token')).toBe(true);
  });
});
