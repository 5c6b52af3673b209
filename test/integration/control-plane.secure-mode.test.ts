import { createHash, createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, controlPlane, ENV, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** Secure mode: the environment field, its audit, and the client-side evaluate endpoint's `?h=`. */
let call: Call;
let admin: string;
const project = 'secure';
const params = { project, env: 'production' };

/** The customer's server side of secure mode, in plain Node crypto (docs/delivery.md). */
const hashFor = (sdkKey: string, canonicalKey: string) =>
  createHmac('sha256', createHash('sha256').update(sdkKey).digest('hex')).update(canonicalKey).digest('hex');

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ snapshotTtlMs: 0, credentialCacheTtlMs: 0 }));
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Secure' } });
});

const evaluate = (clientSideId: string, body: unknown, h?: string) =>
  call('POST', '/sdk/v1/evaluate/{clientSideId}', {
    params: { clientSideId },
    body,
    ...(h === undefined ? {} : { query: { h } }),
  });

describe('secure mode', () => {
  it('is off by default and can be set on create', async () => {
    const plain = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'plain', name: 'Plain' },
    });
    expect(plain.json.secureMode).toBe(false);
    const strict = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'strict', name: 'Strict', secureMode: true },
    });
    expect(strict.status).toBe(201);
    expect(strict.json.secureMode).toBe(true);
    const bad = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'bad', name: 'Bad', secureMode: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('secureMode');
  });

  it('is set by PATCH (instruction or JSON Patch), audited, and enforced by the evaluate endpoint', async () => {
    const created = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'production', name: 'Production' },
    });
    const { clientSideId, sdkKey } = created.json as { clientSideId: string; sdkKey: string };
    const ada = { kind: 'user', key: 'ada' };
    expect((await evaluate(clientSideId, ada)).status).toBe(200);

    const on = await call('PATCH', ENV, {
      token: admin,
      params,
      body: { instructions: [{ kind: 'updateSecureMode', value: true }], comment: 'browsers must sign' },
    });
    expect(on.status).toBe(200);
    expect(on.json.secureMode).toBe(true);
    const audit = await call('GET', `${P}/audit`, {
      token: admin,
      params: { project },
      query: { env: 'production' },
    });
    expect(audit.json.items[0]).toMatchObject({
      action: 'update',
      before: { secureMode: false },
      after: { secureMode: true },
    });

    expect((await evaluate(clientSideId, ada)).status).toBe(403);
    expect((await evaluate(clientSideId, ada, hashFor(sdkKey, 'bob'))).status).toBe(403);
    const accepted = await evaluate(clientSideId, ada, hashFor(sdkKey, 'ada'));
    expect(accepted.status).toBe(200);
    expect(accepted.json.values).toBeDefined();
    const org = { kind: 'org', key: 'acme' };
    expect((await evaluate(clientSideId, org, hashFor(sdkKey, 'org:acme'))).status).toBe(200);

    const off = await call('PATCH', ENV, {
      token: admin,
      params,
      body: [{ op: 'replace', path: '/secureMode', value: false }],
    });
    expect(off.json.secureMode).toBe(false);
    expect((await evaluate(clientSideId, ada)).status).toBe(200);
  });

  it('honours a rotated-out key until it expires', async () => {
    const created = await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'rotating', name: 'Rotating', secureMode: true },
    });
    const { clientSideId, sdkKey: first } = created.json as { clientSideId: string; sdkKey: string };
    const rotate = (expiryHours: number) =>
      call('POST', `${P}/environments/{env}/keys/rotate`, {
        token: admin,
        params: { project, env: 'rotating' },
        body: { expiryHours },
      });
    const second = (await rotate(1)).json.sdkKey as string;
    const ada = { kind: 'user', key: 'ada' };
    expect((await evaluate(clientSideId, ada, hashFor(first, 'ada'))).status).toBe(200);
    expect((await evaluate(clientSideId, ada, hashFor(second, 'ada'))).status).toBe(200);
    await rotate(0);
    expect((await evaluate(clientSideId, ada, hashFor(first, 'ada'))).status).toBe(403);
  });
});
