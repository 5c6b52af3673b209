import { describe, expect, it } from 'vitest';
import { assertGuarded } from './if-match-scope.js';
import type { PatchRequest } from './patch-request.js';
import type { FlagResource } from './schemas.js';

const before = {
  key: 'f',
  name: 'F',
  version: 4,
  environments: { production: { version: 7, on: false }, staging: { version: 2, on: false } },
} as unknown as FlagResource;
type Draft = { name: string; environments: Record<'production' | 'staging', { on: boolean }> };
const edit = (change: (draft: Draft) => void) => {
  const draft = structuredClone(before) as unknown as Draft;
  change(draft);
  return draft as unknown as FlagResource;
};
const turnedOn = edit((f) => {
  f.environments.production.on = true;
});
const renamed = edit((f) => {
  f.name = 'G';
});
const patch = (...operations: object[]): PatchRequest => ({ kind: 'patch', patch: operations as never });
const instructions: PatchRequest = { kind: 'instructions', instructions: [{ kind: 'turnFlagOn' }] };

describe('assertGuarded', () => {
  it('asks nothing of a request without If-Match', () => {
    expect(() => assertGuarded(before, turnedOn, instructions, {})).not.toThrow();
  });

  it('lets the version named cover its own part: the project fields, or the environment of ?env=', () => {
    expect(() => assertGuarded(before, renamed, instructions, { ifMatch: 4 })).not.toThrow();
    expect(() =>
      assertGuarded(before, turnedOn, instructions, { ifMatch: 7, env: 'production' }),
    ).not.toThrow();
  });

  // Found by exploratory testing: If-Match on the project version let a JSON Patch replace
  // production's rules over a rule another writer had just added.
  it('refuses an edit of an environment that If-Match on the project version does not cover, saying how to guard it', () => {
    expect(() => assertGuarded(before, turnedOn, instructions, { ifMatch: 4 })).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        field: 'If-Match',
        message: expect.stringContaining('{"op":"test","path":"/environments/production/version","value":7}'),
      }),
    );
  });

  it('refuses an edit of the project fields under If-Match on an environment version', () => {
    expect(() => assertGuarded(before, renamed, instructions, { ifMatch: 7, env: 'production' })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('"path":"/version","value":4') }),
    );
  });

  it('accepts a part guarded by a test of its version in the JSON Patch', () => {
    const both = edit((f) => {
      f.name = 'G';
      f.environments.production.on = true;
    });
    const guarded = patch(
      { op: 'test', path: '/environments/production/version', value: 7 },
      { op: 'replace', path: '/name', value: 'G' },
    );
    expect(() => assertGuarded(before, both, guarded, { ifMatch: 4 })).not.toThrow();
    const wrongEnv = patch({ op: 'test', path: '/environments/staging/version', value: 2 });
    expect(() => assertGuarded(before, both, wrongEnv, { ifMatch: 4 })).toThrow(/production's settings/);
  });
});
