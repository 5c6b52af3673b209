import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { DynamoControlStore } from '../../lambdas/adapters/dynamodb/control-store.js';
import { newId } from '../../lambdas/domain/credentials.js';
import { parsePatchRequest } from '../../lambdas/domain/patch-request.js';
import { createSegmentSchema } from '../../lambdas/domain/schemas.js';
import { parseWith } from '../../lambdas/domain/validation.js';
import { mapError } from '../../lambdas/http/error-mapper.js';
import { FlagService } from '../../lambdas/services/flag-service.js';
import { SegmentService } from '../../lambdas/services/segment-service.js';
import { type Call, type CallResult, controlPlane, FLAG, P, SEGMENT } from '../helpers/control-plane.js';
import { HeldStore } from '../helpers/held-store.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * A reference check and a delete racing: each side is held between its reads and its transaction
 * while the other runs to completion, so every interleaving that matters runs every time instead
 * of by timing luck.
 */

let call: Call;
let admin: string;
let store: DynamoControlStore;
const project = 'refs';
const env = 'production';
const at = { project, env };
const actor = { id: 'test', name: 'Test' };

let held: HeldStore;
let flags: FlagService;
let segments: SegmentService;

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  store = new DynamoControlStore(sharedDocumentClient());
  held = new HeldStore(sharedDocumentClient());
  const deps = { store: held, clock: { now: () => new Date() }, newId };
  flags = new FlagService(deps);
  segments = new SegmentService(deps);
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: 'Refs' } });
  await call('POST', `${P}/environments`, {
    token: admin,
    params: { project },
    body: { key: env, name: env },
  });
});

/** What the held service answered, as the API would. */
async function outcome(run: Promise<unknown>): Promise<{ status: number; message?: string }> {
  try {
    await run;
    return { status: 200 };
  } catch (error) {
    const { status, body } = mapError(error);
    return { status, message: body.error.message };
  }
}

/** Runs `heldRun` up to its transaction, then `other` to the end, then lets `heldRun` write. */
async function race(heldRun: () => Promise<unknown>, other: () => Promise<CallResult>) {
  const { atWrite, release } = held.holdNext();
  const first = outcome(heldRun());
  await atWrite;
  const second = await other();
  release();
  return { held: await first, other: second };
}

const createFlag = (key: string) =>
  call('POST', `${P}/flags`, { token: admin, params: { project }, body: { key, name: key } });
const createSegment = (key: string, rules: unknown[] = []) =>
  call('POST', `${P}/environments/{env}/segments`, {
    token: admin,
    params: at,
    body: { key, name: key, rules },
  });
const matching = (segment: string) => ({
  clauses: [{ attribute: 'key', op: 'segmentMatch', values: [segment] }],
});
const addPrerequisite = (key: string) => ({
  instructions: [{ kind: 'addPrerequisite', env, key, variation: 0 }],
});
const addSegmentRule = (segment: string) => ({
  instructions: [{ kind: 'addRule', env, rule: { ...matching(segment), variation: 0 } }],
});
const patchFlag = (flag: string, body: unknown) =>
  call('PATCH', FLAG, { token: admin, params: { project, flag }, body });
const deleteFlag = (flag: string) => call('DELETE', FLAG, { token: admin, params: { project, flag } });
const deleteSegment = (segment: string) =>
  call('DELETE', SEGMENT, { token: admin, params: { ...at, segment } });

const config = async (flag: string) => store.get({ kind: 'flagConfig', project, env, flag });
const segment = async (key: string) => store.get({ kind: 'segment', project, env, segment: key });

describe('a prerequisite added while its flag is deleted', () => {
  it('refuses the prerequisite when the delete wins', async () => {
    await Promise.all([createFlag('a-parent'), createFlag('a-child')]);
    const result = await race(
      () => flags.patch(actor, project, 'a-child', parsePatchRequest(addPrerequisite('a-parent')), {}),
      () => deleteFlag('a-parent'),
    );
    expect(result.other.status).toBe(204);
    expect(result.held.status).toBe(400);
    expect(result.held.message).toContain('a-parent');
    expect((await config('a-child'))?.prerequisites).toEqual([]);
  });

  it('refuses the delete when the prerequisite wins, naming the flag that uses it', async () => {
    await Promise.all([createFlag('b-parent'), createFlag('b-child')]);
    const result = await race(
      () => flags.delete(actor, project, 'b-parent'),
      () => patchFlag('b-child', addPrerequisite('b-parent')),
    );
    expect(result.other.status).toBe(200);
    expect(result.held).toEqual({
      status: 409,
      message: `Flag "b-child" in "${env}" has "b-parent" as a prerequisite`,
    });
    expect(await config('b-parent')).toBeDefined();
  });
});

describe('a segment rule added while the segment is deleted', () => {
  it('refuses the flag rule when the delete wins', async () => {
    await Promise.all([createFlag('c-flag'), createSegment('c-segment')]);
    const result = await race(
      () => flags.patch(actor, project, 'c-flag', parsePatchRequest(addSegmentRule('c-segment')), {}),
      () => deleteSegment('c-segment'),
    );
    expect(result.other.status).toBe(204);
    expect(result.held.status).toBe(400);
    expect(result.held.message).toContain('c-segment');
    expect((await config('c-flag'))?.rules).toEqual([]);
  });

  it('refuses the delete when the flag rule wins, naming the flag', async () => {
    await Promise.all([createFlag('d-flag'), createSegment('d-segment')]);
    const result = await race(
      () => segments.delete(actor, at, 'd-segment'),
      () => patchFlag('d-flag', addSegmentRule('d-segment')),
    );
    expect(result.other.status).toBe(200);
    expect(result.held).toEqual({ status: 409, message: 'Segment "d-segment" is used by flag "d-flag"' });
    expect(await segment('d-segment')).toBeDefined();
  });

  it('refuses a segment changed to match it when the delete wins', async () => {
    await Promise.all([createSegment('e-used'), createSegment('e-user')]);
    const result = await race(
      () =>
        segments.patch(
          actor,
          at,
          'e-user',
          parsePatchRequest({ instructions: [{ kind: 'addRule', rule: matching('e-used') }] }),
        ),
      () => deleteSegment('e-used'),
    );
    expect(result.other.status).toBe(204);
    expect(result.held.status).toBe(400);
    expect((await segment('e-user'))?.rules).toEqual([]);
  });

  it('refuses a segment created to match it when the delete wins', async () => {
    await createSegment('f-used');
    const result = await race(
      () => {
        const input = { key: 'f-user', name: 'f-user', rules: [matching('f-used')] };
        return segments.create(actor, at, parseWith(createSegmentSchema, input));
      },
      () => deleteSegment('f-used'),
    );
    expect(result.other.status).toBe(204);
    expect(result.held.status).toBe(400);
    expect(await segment('f-user')).toBeUndefined();
  });

  it('refuses the delete when a segment created to match it wins, naming the segment', async () => {
    await createSegment('g-used');
    const result = await race(
      () => segments.delete(actor, at, 'g-used'),
      () => createSegment('g-user', [matching('g-used')]),
    );
    expect(result.other.status).toBe(201);
    expect(result.held).toEqual({ status: 409, message: 'Segment "g-used" is used by segment "g-user"' });
    expect(await segment('g-used')).toBeDefined();
  });
});

describe('a variation another flag has as a prerequisite', () => {
  beforeAll(async () => {
    await call('POST', `${P}/environments`, {
      token: admin,
      params: { project },
      body: { key: 'staging', name: 'staging' },
    });
  });
  const variations = ['red', 'green', 'blue'].map((value) => ({ value }));
  const createColours = (key: string) =>
    call('POST', `${P}/flags`, {
      token: admin,
      params: { project },
      body: { key, name: key, variations, defaults: { onVariation: 0, offVariation: 0 } },
    });
  const requiring = (parent: string, variation: number) => ({
    instructions: [{ kind: 'addPrerequisite', env, key: parent, variation }],
  });
  const removeBlue = { patch: [{ op: 'remove', path: '/variations/2' }] };
  const values = async (flag: string) => (await config(flag))?.variations;

  it.each([
    ['removed', 'h1', removeBlue, 2],
    ['shifted by a removal before it', 'h2', { patch: [{ op: 'remove', path: '/variations/0' }] }, 1],
    ['moved', 'h3', { patch: [{ op: 'move', from: '/variations/1', path: '/variations/2' }] }, 1],
  ])(
    'is not %s: 400 naming the dependent flag, its environment and the variation',
    async (_how, id, body, used) => {
      const [parent, child] = [`${id}-parent`, `${id}-child`];
      await Promise.all([createColours(parent), createFlag(child)]);
      expect((await patchFlag(child, requiring(parent, used))).status).toBe(200);
      const result = await patchFlag(parent, body);
      expect(result.status).toBe(400);
      expect(result.json.error.field).toBe(`variations[${used}]`);
      expect(result.json.error.message).toContain(`"${child}" in "${env}"`);
      expect(await values(parent)).toEqual(['red', 'green', 'blue']);
      expect((await config(child))?.prerequisites).toEqual([{ key: parent, variation: used }]);
    },
  );

  it('takes a change that keeps the variation it names: a later one removed, its value edited', async () => {
    await Promise.all([createColours('i-parent'), createFlag('i-child')]);
    await patchFlag('i-child', requiring('i-parent', 1));
    expect((await patchFlag('i-parent', removeBlue)).status).toBe(200);
    const edit = { patch: [{ op: 'replace', path: '/variations/1/value', value: 'lime' }] };
    expect((await patchFlag('i-parent', edit)).status).toBe(200);
    expect(await values('i-parent')).toEqual(['red', 'lime']);
  });

  it('takes a change that moves variations and adds a prerequisite in one write', async () => {
    await Promise.all([createColours('m-flag'), createFlag('m-parent')]);
    const both = {
      patch: [
        { op: 'remove', path: '/variations/2' },
        { op: 'add', path: `/environments/${env}/prerequisites/-`, value: { key: 'm-parent', variation: 0 } },
      ],
    };
    expect((await patchFlag('m-flag', both)).status).toBe(200);
    expect(await values('m-flag')).toEqual(['red', 'green']);
    expect((await config('m-flag'))?.prerequisites).toEqual([{ key: 'm-parent', variation: 0 }]);
  });

  it('refuses the removal when a prerequisite on it wins the race', async () => {
    await Promise.all([createColours('j-parent'), createFlag('j-child')]);
    const result = await race(
      () => flags.patch(actor, project, 'j-parent', parsePatchRequest(removeBlue), {}),
      () => patchFlag('j-child', requiring('j-parent', 2)),
    );
    expect(result.other.status).toBe(200);
    expect(result.held.status).toBe(400);
    expect(result.held.message).toContain('"j-child"');
    expect(await values('j-parent')).toEqual(['red', 'green', 'blue']);
  });

  it('refuses a prerequisite moved onto it when the removal wins the race', async () => {
    await Promise.all([createColours('k-parent'), createFlag('k-child')]);
    await patchFlag('k-child', requiring('k-parent', 0));
    const moveOnto = {
      patch: [{ op: 'replace', path: `/environments/${env}/prerequisites/0/variation`, value: 2 }],
    };
    const result = await race(
      () => flags.patch(actor, project, 'k-child', parsePatchRequest(moveOnto), {}),
      () => patchFlag('k-parent', removeBlue),
    );
    expect(result.other.status).toBe(200);
    expect(result.held.status).toBe(400);
    expect((await config('k-child'))?.prerequisites).toEqual([{ key: 'k-parent', variation: 0 }]);
  });

  it.each([
    ['every environment', {}],
    ['an environment the PATCH is not narrowed to', { env: 'staging' }],
  ])('is refused while the flag itself serves it in %s', async (_where, query) => {
    const flag = `l-${Object.keys(query).length}`;
    await createColours(flag);
    const offBlue = { patch: [{ op: 'replace', path: `/environments/${env}/offVariation`, value: 2 }] };
    expect((await patchFlag(flag, offBlue)).status).toBe(200);
    const result = await call('PATCH', FLAG, {
      token: admin,
      params: { project, flag },
      query,
      body: removeBlue,
    });
    expect(result.status).toBe(400);
    expect(result.json.error.field).toBe(`environments.${env}.offVariation`);
    expect(await values(flag)).toEqual(['red', 'green', 'blue']);
  });
  describe('a removal the flag serves past', () => {
    // Removing red moves green to 0 and blue to 1: a place still naming 1 would serve blue unasked.
    const removeRed = { op: 'remove', path: '/variations/0' };
    const serveEverywhere = (variation: number) =>
      [env, 'staging'].flatMap((name) => [
        { op: 'replace', path: `/environments/${name}/offVariation`, value: variation },
        { op: 'replace', path: `/environments/${name}/fallthrough`, value: { variation } },
      ]);

    it.each([
      ['every environment', {}],
      ['an environment the PATCH is not narrowed to', { env: 'staging' }],
    ])(
      'is refused in %s where the flag still names the moved index: 400 naming it, nothing changed',
      async (_where, query) => {
        const flag = `n-${Object.keys(query).length}`;
        await createColours(flag);
        expect((await patchFlag(flag, { patch: serveEverywhere(1) })).status).toBe(200);
        const result = await call('PATCH', FLAG, {
          token: admin,
          params: { project, flag },
          query,
          body: { patch: [removeRed] },
        });
        expect(result.status).toBe(400);
        expect(result.json.error.field).toBe(`environments.${env}.offVariation`);
        expect(result.json.error.message).toContain('variation 1');
        expect(await values(flag)).toEqual(['red', 'green', 'blue']);
        expect((await config(flag))?.offVariation).toBe(1);
      },
    );

    it('takes the removal with every place naming where its variation went', async () => {
      await createColours('n-ok');
      await patchFlag('n-ok', { patch: serveEverywhere(1) });
      const result = await patchFlag('n-ok', { patch: [removeRed, ...serveEverywhere(0)] });
      expect(result.status).toBe(200);
      expect(await values('n-ok')).toEqual(['green', 'blue']);
      expect((await config('n-ok'))?.offVariation).toBe(0);
    });
  });
});
