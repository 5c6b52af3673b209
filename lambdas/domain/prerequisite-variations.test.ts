import { describe, expect, it } from 'vitest';
import { movedPrerequisiteIssues, movedVariations } from './prerequisite-variations.js';

const colours = ['red', 'green', 'blue'];

describe('movedVariations', () => {
  it.each<[string, unknown[], number[]]>([
    ['nothing changed', colours, []],
    ['a value edited in place', ['red', 'lime', 'blue'], []],
    ['a variation added', [...colours, 'pink'], []],
    ['the last removed', ['red', 'green'], [2]],
    ['one removed before others', ['red', 'blue'], [1, 2]],
    ['two swapped', ['green', 'red', 'blue'], [0, 1]],
    ['one removed and another edited in its place', ['red', 'navy'], [2]],
  ])('%s', (_name, after, moved) => {
    expect(movedVariations(colours, after)).toEqual(moved);
  });

  it('compares JSON values by content', () => {
    expect(movedVariations([{ a: 1 }, { b: 2 }], [{ a: 1 }, { b: 2 }])).toEqual([]);
  });
});

describe('movedPrerequisiteIssues', () => {
  const flags = [
    { key: 'other', prerequisites: [{ key: 'elsewhere', variation: 1 }] },
    { key: 'child', prerequisites: [{ key: 'parent', variation: 1 }] },
  ];

  it('names the dependent flag, its environment and the variation', () => {
    expect(movedPrerequisiteIssues('parent', [1, 2], 'production', flags)).toEqual([
      {
        field: 'variations[1]',
        message: 'flag "child" in "production" has it as a prerequisite',
      },
    ]);
  });

  it('has nothing to say of variations no prerequisite names', () => {
    expect(movedPrerequisiteIssues('parent', [0, 2], 'production', flags)).toEqual([]);
  });
});
