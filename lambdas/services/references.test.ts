import { describe, expect, it } from 'vitest';
import type { EnvironmentContents } from './ports.js';
import {
  addedReferenceChecks,
  flagReferences,
  holdingReferences,
  referencesUnchanged,
  segmentReferencesOf,
} from './references.js';

const at = { project: 'p', env: 'production' };
const matching = (...segments: string[]) => ({
  rules: [{ clauses: [{ op: 'segmentMatch', values: segments }] }],
});
const contents = {
  flags: [{ key: 'parent', version: 4 }],
  segments: [{ key: 'beta', version: 7 }],
} as unknown as EnvironmentContents;

describe('references', () => {
  it('reads a flag configuration’s prerequisites and matched segments', () => {
    expect(flagReferences({ prerequisites: [{ key: 'parent', variation: 0 }], ...matching('beta') })).toEqual(
      {
        flags: [{ key: 'parent', variation: 0 }],
        segments: ['beta'],
      },
    );
    expect(segmentReferencesOf(matching('beta'))).toEqual({ flags: [], segments: ['beta'] });
  });

  it('checks each newly referenced item at the version validated against', () => {
    const before = flagReferences({ prerequisites: [], ...matching('beta') });
    const after = flagReferences({
      prerequisites: [{ key: 'parent', variation: 0 }],
      ...matching('beta', 'ghost'),
    });
    expect(addedReferenceChecks(at, before, after, contents)).toEqual([
      { ref: { kind: 'flagConfig', ...at, flag: 'parent' }, expect: 4, check: true },
      { ref: { kind: 'segment', ...at, segment: 'ghost' }, expect: 'present', check: true },
    ]);
  });

  it('checks a prerequisite that names another variation of its flag as a new one', () => {
    const named = (variation: number) => flagReferences({ prerequisites: [{ key: 'parent', variation }] });
    expect(addedReferenceChecks(at, named(0), named(2), contents)).toEqual([
      { ref: { kind: 'flagConfig', ...at, flag: 'parent' }, expect: 4, check: true },
    ]);
  });

  it('adds nothing to a change that keeps its references, such as a toggle', () => {
    const refs = flagReferences({ prerequisites: [{ key: 'parent', variation: 0 }], ...matching('beta') });
    const checks = addedReferenceChecks(at, refs, refs, contents);
    expect(checks).toEqual([]);
    expect(holdingReferences('p', checks)).toEqual([]);
  });

  it('bumps the project’s reference revision once beside the checks', () => {
    const checks = addedReferenceChecks(
      at,
      flagReferences(undefined),
      segmentReferencesOf(matching('beta')),
      contents,
    );
    expect(holdingReferences('p', checks)).toEqual([
      { ref: { kind: 'referenceRevision', project: 'p' }, increment: true },
      ...checks,
    ]);
  });

  it('makes the bump expect the revision read when the write also looks for referrers', () => {
    const ref = { kind: 'referenceRevision', project: 'p' } as const;
    const unchanged = { ref, expect: 3, check: true } as const;
    const checks = addedReferenceChecks(
      at,
      flagReferences(undefined),
      segmentReferencesOf(matching('beta')),
      contents,
    );
    expect(holdingReferences('p', checks, unchanged)).toEqual([
      { ref, increment: true, expect: 3 },
      ...checks,
    ]);
    expect(holdingReferences('p', [], unchanged)).toEqual([unchanged]);
  });

  it('has deletes check the revision they read before looking for referrers', async () => {
    const read = (version?: number) => ({
      get: async () => (version === undefined ? undefined : { version }),
    });
    const ref = { kind: 'referenceRevision', project: 'p' };
    expect(await referencesUnchanged(read(3), 'p')).toEqual({ ref, expect: 3, check: true });
    expect(await referencesUnchanged(read(), 'p')).toEqual({ ref, expect: 'absent', check: true });
  });
});
