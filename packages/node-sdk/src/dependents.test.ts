import { describe, expect, it } from 'vitest';
import { booleanFlag, segment, segmentFlag } from '../testing/flags.js';
import { withDependents } from './dependents.js';

const nestedSegment = {
  ...segment('staff', 1, []),
  rules: [{ id: 'r', clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['admins'] }] }],
};

describe('withDependents', () => {
  const flags = [
    segmentFlag('uses-staff', 1, 'staff'),
    booleanFlag('needs-uses-staff', 1, true, { prerequisites: [{ key: 'uses-staff', variation: 0 }] }),
    booleanFlag('unrelated', 1, true),
  ];
  const segments = [nestedSegment, segment('admins', 1, ['a'])];

  it('adds flags that depend on a changed segment, through segments and prerequisites', () => {
    expect(withDependents([{ kind: 'segment', key: 'admins' }], flags, segments)).toEqual([
      { kind: 'segment', key: 'admins' },
      { kind: 'segment', key: 'staff' },
      { kind: 'flag', key: 'uses-staff' },
      { kind: 'flag', key: 'needs-uses-staff' },
    ]);
  });

  it('adds flags that have a changed flag as a prerequisite', () => {
    expect(withDependents([{ kind: 'flag', key: 'uses-staff' }], flags, segments)).toEqual([
      { kind: 'flag', key: 'uses-staff' },
      { kind: 'flag', key: 'needs-uses-staff' },
    ]);
  });

  it('lists each item once, even in a dependency cycle', () => {
    const cyclic = [
      booleanFlag('a', 1, true, { prerequisites: [{ key: 'b', variation: 0 }] }),
      booleanFlag('b', 1, true, { prerequisites: [{ key: 'a', variation: 0 }] }),
    ];
    expect(withDependents([{ kind: 'flag', key: 'a' }], cyclic, [])).toEqual([
      { kind: 'flag', key: 'a' },
      { kind: 'flag', key: 'b' },
    ]);
  });
});
