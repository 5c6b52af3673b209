import { randomUUID } from 'node:crypto';
import { type HttpRoute, httpRoutes, type Role, routeKey } from '@switchboard/topology';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Call,
  type CallOptions,
  type CallResult,
  controlPlane,
  ENV,
  P,
} from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** Every route of the topology × every kind of caller → the status its declared `auth` implies. */
type Credential =
  | 'none'
  | 'malformed'
  | 'revoked'
  | 'expired'
  | Role
  | ScopedCredential
  | 'otherEnvSdkKey'
  | 'ownSdkKey';
/** Tokens scoped to projects: a role in the matrix project, or admin of another project only. */
type ScopedCredential = 'projectReader' | 'projectWriter' | 'projectAdmin' | 'otherProjectAdmin';
const credentials: readonly Credential[] = [
  'none',
  'malformed',
  'revoked',
  'expired',
  'reader',
  'writer',
  'admin',
  'projectReader',
  'projectWriter',
  'projectAdmin',
  'otherProjectAdmin',
  'otherEnvSdkKey',
  'ownSdkKey',
];
const RANK: Record<Role, number> = { reader: 0, writer: 1, admin: 2 };
const project = 'matrix';
const otherProject = 'elsewhere';
const scopes: Record<ScopedCredential, Record<string, Role>> = {
  projectReader: { [project]: 'reader' },
  projectWriter: { [project]: 'writer' },
  projectAdmin: { [project]: 'admin' },
  otherProjectAdmin: { [otherProject]: 'admin' },
};
const isGlobal = (credential: Credential): credential is Role =>
  credential === 'reader' || credential === 'writer' || credential === 'admin';
const isScoped = (credential: Credential): credential is ScopedCredential => credential in scopes;

type Expected = 'success' | 401 | 403;

/**
 * A scoped token's role applies on routes of its projects (`{project}` in the path); other routes need
 * a global role, except those declared for any scope (listing projects, `/me`), where its best role counts.
 */
function heldRole(route: HttpRoute, credential: Credential, request: CallOptions): Role | undefined {
  if (isGlobal(credential)) return credential;
  if (!isScoped(credential) || route.auth.kind !== 'apiToken') return undefined;
  const roles = scopes[credential];
  if (route.path.includes('{project}')) return roles[request.params?.project ?? ''];
  if (!route.auth.anyScope) return undefined;
  return Object.values(roles).sort((a, b) => RANK[b] - RANK[a])[0];
}

function expected(route: HttpRoute, credential: Credential, request: CallOptions): Expected {
  const auth = route.auth;
  if (auth.kind === 'public' || auth.kind === 'clientSideId') return 'success';
  if (auth.kind === 'sdkKey')
    return credential === 'ownSdkKey' || credential === 'otherEnvSdkKey' ? 'success' : 401;
  if (!isGlobal(credential) && !isScoped(credential)) return 401;
  const held = heldRole(route, credential, request);
  return held !== undefined && RANK[held] >= RANK[auth.role] ? 'success' : 403;
}

let call: Call;
let admin: string;
const secrets = {} as Record<Credential, string | undefined>;
let clientSideId: string;
/** The matrix's clock runs this far ahead of real time, so a token can expire mid-suite. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function created(promise: ReturnType<Call>): Promise<CallResult['json']> {
  const result = await promise;
  if (result.status >= 300)
    throw new Error(`Fixture failed: ${result.status} ${JSON.stringify(result.json)}`);
  return result.json;
}

async function token(
  role: Role,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; token: string }> {
  return created(
    call('POST', '/api/v1/tokens', { token: admin, body: { name: unique(role), role, ...extra } }),
  );
}

async function scopedToken(projects: Record<string, Role>): Promise<{ id: string; token: string }> {
  return created(
    call('POST', '/api/v1/tokens', { token: admin, body: { name: unique('scoped'), projects } }),
  );
}

/** A request that succeeds for an authorised caller; DELETE routes get a resource of their own. */
async function requestFor(route: HttpRoute): Promise<CallOptions> {
  const env = { project, env: 'production' };
  const key = routeKey(route);
  const requests: Record<string, () => Promise<CallOptions> | CallOptions> = {
    'GET /api/v1/openapi.json': () => ({}),
    'GET /api/v1/projects': () => ({}),
    'POST /api/v1/projects': () => ({ body: { key: unique('p'), name: 'P' } }),
    [`GET ${P}`]: () => ({ params: { project } }),
    [`PATCH ${P}`]: () => ({
      params: { project },
      body: [{ op: 'replace', path: '/description', value: unique('d') }],
    }),
    [`DELETE ${P}`]: async () => {
      const p = await created(
        call('POST', '/api/v1/projects', { token: admin, body: { key: unique('p'), name: 'P' } }),
      );
      return { params: { project: p.key } };
    },
    [`GET ${P}/environments`]: () => ({ params: { project } }),
    [`POST ${P}/environments`]: () => ({ params: { project }, body: { key: unique('e'), name: 'E' } }),
    [`GET ${ENV}`]: () => ({ params: env }),
    [`PATCH ${ENV}`]: () => ({
      params: env,
      body: { instructions: [{ kind: 'updateName', value: unique('n') }] },
    }),
    [`DELETE ${ENV}`]: async () => {
      const e = await created(
        call('POST', `${P}/environments`, {
          token: admin,
          params: { project },
          body: { key: unique('e'), name: 'E' },
        }),
      );
      return { params: { project, env: e.key } };
    },
    [`POST ${ENV}/keys/rotate`]: () => ({ params: { project, env: 'rotating' }, body: {} }),
    [`GET ${P}/flags`]: () => ({ params: { project } }),
    [`POST ${P}/flags`]: () => ({ params: { project }, body: { key: unique('f'), name: 'F' } }),
    [`GET ${P}/flags/{flag}`]: () => ({ params: { project, flag: 'f1' } }),
    [`PATCH ${P}/flags/{flag}`]: () => ({
      params: { project, flag: 'f1' },
      body: { instructions: [{ kind: 'updateDescription', value: unique('d') }] },
    }),
    [`POST ${P}/flags/{flag}/copy`]: () => ({
      params: { project, flag: 'f1' },
      body: { source: { key: 'staging' }, target: { key: 'rotating' } },
    }),
    [`DELETE ${P}/flags/{flag}`]: async () => {
      const f = await created(
        call('POST', `${P}/flags`, {
          token: admin,
          params: { project },
          body: { key: unique('f'), name: 'F' },
        }),
      );
      return { params: { project, flag: f.key } };
    },
    [`GET ${ENV}/segments`]: () => ({ params: env }),
    [`POST ${ENV}/segments`]: () => ({ params: env, body: { key: unique('s'), name: 'S' } }),
    [`GET ${ENV}/segments/{segment}`]: () => ({ params: { ...env, segment: 's1' } }),
    [`PATCH ${ENV}/segments/{segment}`]: () => ({
      params: { ...env, segment: 's1' },
      body: { instructions: [{ kind: 'addIncludedTargets', values: [unique('u')] }] },
    }),
    [`DELETE ${ENV}/segments/{segment}`]: async () => {
      const s = await created(
        call('POST', `${ENV}/segments`, { token: admin, params: env, body: { key: unique('s'), name: 'S' } }),
      );
      return { params: { ...env, segment: s.key } };
    },
    [`GET ${P}/audit`]: () => ({ params: { project } }),
    [`POST ${ENV}/evaluate`]: () => ({ params: env, body: { kind: 'user', key: 'u1' } }),
    'GET /api/v1/tokens': () => ({}),
    'POST /api/v1/tokens': () => ({ body: { name: unique('t'), role: 'reader' } }),
    'DELETE /api/v1/tokens/{token}': async () => ({ params: { token: (await token('reader')).id } }),
    'POST /api/v1/tokens/{token}/rotate': async () => ({
      params: { token: (await token('reader')).id },
      body: {},
    }),
    'GET /api/v1/audit': () => ({}),
    'GET /api/v1/me': () => ({}),
    'GET /sdk/v1/flags': () => ({}),
    'POST /sdk/v1/evaluate/{clientSideId}': () => ({
      params: { clientSideId },
      body: { kind: 'user', key: 'u1' },
    }),
    [`GET ${ENV}/flags/{flag}/insights`]: () => ({ params: { ...env, flag: 'f1' } }),
    [`GET ${ENV}/events`]: () => ({ params: env }),
    [`GET ${ENV}/events/{eventKey}`]: () => ({ params: { ...env, eventKey: 'checkout' } }),
    'POST /sdk/v1/events': () => ({ body: [customEvent()] }),
    'POST /sdk/v1/events/{clientSideId}': () => ({ params: { clientSideId }, body: [customEvent()] }),
    [`GET ${ENV}/flags/{flag}/deliveries`]: () => ({ params: { ...env, flag: 'f1' } }),
  };
  const build = requests[key];
  if (!build) throw new Error(`The matrix has no request for ${key}: add one`);
  return build();
}

const customEvent = () => ({
  kind: 'custom',
  key: 'matrix',
  contextKeys: { user: 'u1' },
  creationDate: clock.now().getTime(),
});

function authorization(credential: Credential): Record<string, string> {
  if (credential === 'none') return {};
  const secret = secrets[credential] as string;
  return { authorization: credential.endsWith('SdkKey') ? secret : `Bearer ${secret}` };
}

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ clock }));
  await created(call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Matrix' } }));
  await created(
    call('POST', '/api/v1/projects', { token: admin, body: { key: otherProject, name: 'Elsewhere' } }),
  );
  const production = await created(
    call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'production', name: 'Production' },
    }),
  );
  const staging = await created(
    call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'staging', name: 'Staging' },
    }),
  );
  await created(
    call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'rotating', name: 'Rotating' },
    }),
  );
  await created(
    call('POST', `${P}/flags`, { token: admin, params: { project }, body: { key: 'f1', name: 'F1' } }),
  );
  await created(
    call('PATCH', `${P}/flags/{flag}`, {
      token: admin,
      params: { project, flag: 'f1' },
      query: { env: 'production' },
      body: { instructions: [{ kind: 'turnFlagOn' }] },
    }),
  );
  await created(
    call('POST', `${ENV}/segments`, {
      token: admin,
      params: { project, env: 'production' },
      body: { key: 's1', name: 'S1' },
    }),
  );
  clientSideId = production.clientSideId;
  secrets.ownSdkKey = production.sdkKey;
  secrets.otherEnvSdkKey = staging.sdkKey;
  secrets.malformed = 'not-a-credential';
  for (const role of ['reader', 'writer', 'admin'] as const) secrets[role] = (await token(role)).token;
  const revoked = await token('admin');
  await created(call('DELETE', '/api/v1/tokens/{token}', { token: admin, params: { token: revoked.id } }));
  secrets.revoked = revoked.token;
  for (const [credential, projects] of Object.entries(scopes))
    secrets[credential as ScopedCredential] = (await scopedToken(projects)).token;
  secrets.expired = (await token('admin', { expiresInDays: 1 })).token;
  offsetMs = 25 * 3_600_000;
});

const cases = httpRoutes.flatMap((route) =>
  credentials.map((credential) => ({ name: `${routeKey(route)} as ${credential}`, route, credential })),
);

describe('authorization matrix', () => {
  it.each(cases)('$name', async ({ route, credential }) => {
    const request = await requestFor(route);
    const result = await call(route.method, route.path, { ...request, headers: authorization(credential) });
    const want = expected(route, credential, request);
    if (want === 'success') {
      expect(result.status, JSON.stringify(result.json)).toBeGreaterThanOrEqual(200);
      expect(result.status, JSON.stringify(result.json)).toBeLessThan(300);
      return;
    }
    expect(result.status).toBe(want);
    expect(result.json.error.code).toBe(want === 401 ? 'unauthorized' : 'forbidden');
  });

  it('serves each SDK key its own environment', async () => {
    const own = await call('GET', '/sdk/v1/flags', { headers: authorization('ownSdkKey') });
    const other = await call('GET', '/sdk/v1/flags', { headers: authorization('otherEnvSdkKey') });
    expect(own.json.flags.f1.on).toBe(true);
    expect(other.json.flags.f1.on).toBe(false);
  });

  it('accepts an SDK key as a Bearer credential too', async () => {
    const result = await call('GET', '/sdk/v1/flags', {
      headers: { authorization: `Bearer ${secrets.ownSdkKey}` },
    });
    expect(result.status).toBe(200);
  });

  it('rejects an unknown client-side id', async () => {
    const result = await call('POST', '/sdk/v1/evaluate/{clientSideId}', {
      params: { clientSideId: 'ffffffffffffffffffffffff' },
      body: { kind: 'user', key: 'u' },
    });
    expect(result.status).toBe(401);
  });
});
