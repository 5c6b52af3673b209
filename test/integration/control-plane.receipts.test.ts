import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, controlPlane, ENV, P } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** An environment's delivery receipts setting (docs/delivery.md) on create and PATCH, in DynamoDB Local. */
let call: Call;
let admin: string;
const project = 'receipted';

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Receipted' } });
});

const create = (body: Record<string, unknown>) =>
  call('POST', `${P}/environments`, { token: admin, params: { project }, body });
const read = (env: string) => call('GET', ENV, { token: admin, params: { project, env } });

describe('delivery receipts on environment create', () => {
  it('are off (absent) unless asked for', async () => {
    const created = await create({ key: 'plain', name: 'Plain' });
    expect(created.status).toBe(201);
    expect(created.json).not.toHaveProperty('receipts');
    expect((await read('plain')).json).not.toHaveProperty('receipts');
  });

  it('are stored as given', async () => {
    const receipts = { enabled: true, sampleRate: 0.25 };
    const created = await create({ key: 'sampled', name: 'Sampled', receipts });
    expect(created.status).toBe(201);
    expect(created.json.receipts).toEqual(receipts);
    expect((await read('sampled')).json.receipts).toEqual(receipts);
  });

  it.each([
    [{ enabled: true, sampleRate: 0 }, 'receipts.sampleRate'],
    // Found by the HTTP fuzz suite: a denormal rate DynamoDB cannot store answered 500.
    [{ enabled: true, sampleRate: 5e-324 }, 'receipts.sampleRate'],
    [{ enabled: true, sampleRate: 1.5 }, 'receipts.sampleRate'],
    [{ enabled: true, sampleRate: '0.5' }, 'receipts.sampleRate'],
    [{ enabled: 'yes', sampleRate: 0.5 }, 'receipts.enabled'],
    [{ enabled: true, sampleRate: 0.5, extra: 1 }, 'receipts.extra'],
  ])('refuses %j with a 400 naming %s, and writes nothing', async (receipts, field) => {
    const refused = await create({ key: 'refused', name: 'Refused', receipts });
    expect(refused.status).toBe(400);
    expect(refused.json.error.field).toBe(field);
    expect((await read('refused')).status).toBe(404);
  });
});

describe('delivery receipts by JSON Patch', () => {
  it('are added, then removed', async () => {
    await create({ key: 'patched', name: 'Patched' });
    const params = { project, env: 'patched' };
    const added = await call('PATCH', ENV, {
      token: admin,
      params,
      body: [{ op: 'add', path: '/receipts', value: { enabled: true, sampleRate: 0.1 } }],
    });
    expect(added.status).toBe(200);
    expect((await read('patched')).json.receipts).toEqual({ enabled: true, sampleRate: 0.1 });
    const removed = await call('PATCH', ENV, {
      token: admin,
      params,
      body: [{ op: 'remove', path: '/receipts' }],
    });
    expect(removed.status).toBe(200);
    expect((await read('patched')).json).not.toHaveProperty('receipts');
  });
});

describe('delivery receipts by the updateReceipts instruction', () => {
  const params = { project, env: 'instructed' };
  const instruct = (instruction: Record<string, unknown>) =>
    call('PATCH', ENV, {
      token: admin,
      params,
      body: { instructions: [{ kind: 'updateReceipts', ...instruction }] },
    });

  it('turns receipts on and off, keeping the rate, and audits each change', async () => {
    await create({ key: 'instructed', name: 'Instructed' });
    const on = await instruct({ enabled: true, sampleRate: 0.5 });
    expect(on.status).toBe(200);
    expect(on.json.receipts).toEqual({ enabled: true, sampleRate: 0.5 });
    const off = await instruct({ enabled: false });
    expect(off.json.receipts).toEqual({ enabled: false, sampleRate: 0.5 });
    expect((await read('instructed')).json.receipts).toEqual({ enabled: false, sampleRate: 0.5 });
    const audit = await call('GET', `${P}/audit`, {
      token: admin,
      params: { project },
      query: { env: 'instructed' },
    });
    expect(audit.json.items[0]).toMatchObject({
      action: 'update',
      before: { receipts: { enabled: true } },
      after: { receipts: { enabled: false } },
    });
  });

  it('refuses a bad rate with a 400 naming the field, and changes nothing', async () => {
    const before = (await read('instructed')).json;
    const refused = await instruct({ enabled: true, sampleRate: 2 });
    expect(refused.status).toBe(400);
    expect(refused.json.error.field).toBe('instructions[0].sampleRate');
    expect((await read('instructed')).json).toEqual(before);
  });
});
