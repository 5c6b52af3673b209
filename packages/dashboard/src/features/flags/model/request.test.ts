import jsonPatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { checkoutFlag, flagEnvironment } from '../testing/flag-fixtures.js';
import { applyChanges, type Change } from './changes.js';
import { patchRequestFor } from './request.js';

const requestFor = (changes: Change[], comment = 'why') => {
  const base = checkoutFlag();
  const draft = applyChanges(base, 'production', changes).flag;
  return { base, draft, request: patchRequestFor(base, draft, 'production', changes, comment) };
};

describe('patchRequestFor', () => {
  it('sends targeting edits of one environment as instructions narrowed to it, If-Match its version', () => {
    const changes: Change[] = [
      { kind: 'turnFlagOn' },
      { kind: 'addTargets', contextKind: 'user', variation: 0, values: ['alice'] },
    ];
    expect(requestFor(changes).request).toEqual({
      env: 'production',
      ifMatch: 3,
      body: { comment: 'why', instructions: changes },
    });
  });

  it('sends project-field edits as instructions to the flag, If-Match the flag version', () => {
    const changes: Change[] = [
      { kind: 'updateName', value: 'Checkout' },
      { kind: 'addTags', values: ['web'] },
    ];
    expect(requestFor(changes, '').request).toEqual({ ifMatch: 2, body: { instructions: changes } });
  });

  it('sends a change no instruction expresses as a JSON Patch of this environment', () => {
    const { base, draft, request } = requestFor([
      { kind: 'updateRuleDescription', ruleId: 'r1', description: 'DE' },
    ]);
    expect(request).toEqual({
      env: 'production',
      ifMatch: 3,
      body: {
        comment: 'why',
        patch: [{ op: 'replace', path: '/environments/production/rules/0/description', value: 'DE' }],
      },
    });
    const { lastEvaluated: _a, ...resource } = base;
    const { lastEvaluated: _b, ...expected } = draft;
    expect(
      jsonPatch.applyPatch(
        structuredClone(resource),
        ('patch' in request.body ? request.body.patch : []) as never,
      ).newDocument,
    ).toEqual(expected);
  });

  it('guards a project-wide JSON Patch with test operations on every environment it changes', () => {
    const { request } = requestFor([{ kind: 'turnFlagOn' }, { kind: 'updateKind', value: 'operational' }]);
    expect(request.env).toBeUndefined();
    expect(request.ifMatch).toBe(2);
    expect('patch' in request.body && request.body.patch).toEqual([
      { op: 'test', path: '/environments/production/version', value: 3 },
      { op: 'replace', path: '/environments/production/on', value: true },
      { op: 'replace', path: '/kind', value: 'operational' },
    ]);
  });

  it('renumbers other environments in the same patch when a variation is removed', () => {
    const base = checkoutFlag({ variations: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    const changes: Change[] = [
      { kind: 'updateOffVariation', variation: 0 },
      { kind: 'removeVariation', index: 1 },
    ];
    base.environments.staging = flagEnvironment({ on: true, version: 7, offVariation: 2 });
    const draft = applyChanges(base, 'production', changes).flag;
    const { body } = patchRequestFor(base, draft, 'production', changes, '');
    expect('patch' in body && body.patch).toEqual(
      expect.arrayContaining([
        { op: 'test', path: '/environments/staging/version', value: 7 },
        { op: 'replace', path: '/environments/staging/offVariation', value: 1 },
      ]),
    );
  });
});
