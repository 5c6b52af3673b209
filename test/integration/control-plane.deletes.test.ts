import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditStore } from '../../lambdas/adapters/dynamodb/audit-store.js';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { newId } from '../../lambdas/domain/credentials.js';
import { ProjectService } from '../../lambdas/services/project-service.js';
import { type Call, controlPlane, ENV, FLAG, P, SEGMENT } from '../helpers/control-plane.js';
import { HeldStore } from '../helpers/held-store.js';
import { createIsolatedTables } from '../helpers/tables.js';

let call: Call;
let admin: string;

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
});

/** A project with one environment, one flag and one segment, each at version 2 (one PATCH each). */
async function seed(project: string) {
  const token = admin;
  const params = { project, env: 'production', flag: 'banner', segment: 'beta' };
  const rename = { instructions: [{ kind: 'updateName', value: 'Renamed' }] };
  await call('POST', '/api/v1/projects', { token, body: { key: project, name: project } });
  await call('POST', `${P}/environments`, { token, params, body: { key: 'production', name: 'P' } });
  await call('POST', `${P}/flags`, { token, params, body: { key: 'banner', name: 'Banner' } });
  await call('POST', `${ENV}/segments`, { token, params, body: { key: 'beta', name: 'Beta' } });
  for (const path of [P, ENV, FLAG, SEGMENT] as const) {
    const patched = await call('PATCH', path, { token, params, body: rename });
    expect(patched.status).toBe(200);
  }
  return params;
}

const resources = [
  ['project', P],
  ['environment', ENV],
  ['flag', FLAG],
  ['segment', SEGMENT],
] as const;

describe.each(resources)('DELETE of a %s with If-Match', (resource, path) => {
  it('answers 409 naming both versions to a stale version, and deletes nothing', async () => {
    const params = await seed(`stale-${resource}`);
    const result = await call('DELETE', path, { token: admin, params, headers: { 'if-match': '1' } });
    expect(result.status).toBe(409);
    expect(result.json.error).toEqual({
      code: 'conflict',
      message: 'Version 1 is stale; the current version is 2',
    });
    for (const each of [P, ENV, FLAG, SEGMENT]) {
      expect((await call('GET', each, { token: admin, params })).status).toBe(200);
    }
  });

  it('deletes at the current version', async () => {
    const params = await seed(`current-${resource}`);
    const result = await call('DELETE', path, { token: admin, params, headers: { 'if-match': '2' } });
    expect(result.status).toBe(204);
    expect((await call('GET', path, { token: admin, params })).status).toBe(404);
  });
});

describe.each(resources)('concurrent DELETEs of one %s', (resource, path) => {
  it.each([
    ['without If-Match', {}],
    ['with If-Match', { 'if-match': '2' }],
  ])('delete it once %s: one 204 and one audit entry, the others 404', async (how, headers) => {
    const params = await seed(`twice-${resource}-${how.startsWith('with ') ? 'v' : 'any'}`);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call('DELETE', path, { token: admin, params, headers })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, 404, 404, 404, 404, 404]);
    expect(results.find((r) => r.status === 404)?.json.error.code).toBe('not_found');
    const audit = await new DynamoAuditStore(sharedDocumentClient()).list(
      { project: params.project },
      { limit: 100 },
    );
    // A flag's delete records one entry for the flag, and one per environment besides.
    const deletes = audit.items.filter(
      (e) => e.action === 'delete' && e.resource === resource && (resource !== 'flag' || !e.env),
    );
    expect(deletes).toHaveLength(1);
  });
});

// Found by review: If-Match was checked before the contents went, then again by the last write, so
// a rename in between left an emptied project behind a 409 that claimed nothing had changed.
describe('a project changed while its DELETE with If-Match runs', () => {
  it('is deleted all the same, with one audit entry', async () => {
    const params = await seed('renamed-midway');
    const held = new HeldStore(sharedDocumentClient());
    const projects = new ProjectService({ store: held, clock: { now: () => new Date() }, newId });
    const { atWrite, release } = held.holdNext();
    const deleting = projects.delete({ id: 'test', name: 'Test' }, params.project, 2);
    await atWrite;
    const rename = { instructions: [{ kind: 'updateName', value: 'Midway' }] };
    expect((await call('PATCH', P, { token: admin, params, body: rename })).status).toBe(200);
    release();
    await expect(deleting).resolves.toBeUndefined();
    expect((await call('GET', P, { token: admin, params })).status).toBe(404);
    const audit = await new DynamoAuditStore(sharedDocumentClient()).list(
      { project: params.project },
      { limit: 100 },
    );
    const deletes = audit.items.filter((e) => e.action === 'delete' && e.resource === 'project');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.before).toMatchObject({ name: 'Midway', version: 3 });
  });
});
