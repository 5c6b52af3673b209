import { checkFlagConfig } from '@switchboard/core/schema';
import { describe, expect, it } from 'vitest';
import { checkoutFlag, flagEnvironment } from '../testing/flag-fixtures.js';
import { draftProblems, problemAt } from './validate.js';

describe('draftProblems', () => {
  it('finds what keeps a draft from being saved, at the rule it concerns', () => {
    const flag = checkoutFlag({ name: ' ' });
    flag.environments.production = flagEnvironment({
      rules: [
        {
          id: 'r1',
          clauses: [{ attribute: '', op: 'semVerEqual', values: ['1.x'] }],
          rollout: { variations: [{ variation: 0, weight: 90_000 }] },
        },
      ],
      fallthrough: { variation: 5 },
    });
    expect(draftProblems(flag, checkoutFlag(), 'production')).toEqual([
      { section: 'settings', message: 'The name cannot be empty.' },
      { section: 'rules', ruleId: 'r1', message: 'Choose an attribute.' },
      { section: 'rules', ruleId: 'r1', message: 'Value 1 must be a semantic version such as 1.2.3.' },
      { section: 'rules', ruleId: 'r1', message: 'Percentages must add up to 100% (now 90%).' },
      { section: 'fallthrough', message: 'Choose a variation that exists.' },
    ]);
  });
  it('names a variation whose value repeats an earlier one, once the draft changes the values', () => {
    const saved = checkoutFlag({ variations: [{ value: 'a' }, { value: 'b' }] });
    const draft = checkoutFlag({ variations: [{ value: 'a' }, { value: 'b' }, { value: 'a' }] });
    expect(draftProblems(draft, saved, 'production')).toEqual([
      {
        section: 'variations',
        variation: 2,
        message: 'Variation 3 has the same value as variation 1; each serves a value of its own.',
      },
    ]);
  });

  it('names a context key targeted in two variations (as a re-applied draft can have it)', () => {
    const flag = checkoutFlag();
    flag.environments.production = flagEnvironment({
      targets: [
        { variation: 0, values: ['u1', 'u2'] },
        { variation: 1, values: ['u2'] },
      ],
      contextTargets: [
        { contextKind: 'org', variation: 0, values: ['u1'] },
        { contextKind: 'user', variation: 1, values: [] },
      ],
    });
    expect(draftProblems(flag, checkoutFlag(), 'production')).toEqual([
      {
        section: 'targets',
        message:
          'The user key u2 is targeted in Enabled and in Disabled: a key can be targeted in one variation only.',
      },
    ]);
  });

  // The API refuses what the page does, so a draft the page would save is never a 400 there.
  const u1 = (variation: number) => ({ variation, values: ['u1'] });
  const u1Of = (contextKind: string, variation: number) => ({ contextKind, ...u1(variation) });
  it.each<[string, Parameters<typeof flagEnvironment>[0], boolean]>([
    ['a key in two variations', { targets: [u1(0), u1(1)] }, true],
    [
      'a user key in targets and a user list of contextTargets',
      { targets: [u1(0)], contextTargets: [u1Of('user', 1)] },
      true,
    ],
    ['a key repeated in one variation', { targets: [u1(0), u1(0)] }, false],
    ['one key of two kinds', { targets: [u1(0)], contextTargets: [u1Of('org', 1)] }, false],
  ])('agrees with the API on %s', (_name, targeting, refused) => {
    const flag = checkoutFlag();
    const config = flagEnvironment(targeting);
    flag.environments.production = config;
    const index = { segments: new Map(), flags: new Map() };
    const api = checkFlagConfig('checkout', flag.variations.length, config, index, '');
    const page = draftProblems(flag, checkoutFlag(), 'production').filter((p) => p.section === 'targets');
    expect([page.length > 0, api.length > 0]).toEqual([refused, refused]);
  });

  it('lets a flag saved with repeated values take other changes', () => {
    const saved = checkoutFlag({ variations: [{ value: 'a' }, { value: 'a' }] });
    expect(draftProblems({ ...saved, description: 'changed' }, saved, 'production')).toEqual([]);
  });
});

describe('problemAt', () => {
  const context = {
    draft: checkoutFlag(),
    env: 'production',
    ruleIdOfInstruction: (i: number) => (i === 2 ? 'r1' : undefined),
  };

  it.each([
    ['environments.production.rules[0].clauses[0].values', { section: 'rules', ruleId: 'r1' }],
    ['instructions[2].clauses[0].op', { section: 'rules', ruleId: 'r1' }],
    ['environments.production.fallthrough.rollout', { section: 'fallthrough' }],
    ['environments.production.prerequisites[0].key', { section: 'prerequisites' }],
    ['environments.production.contextTargets[1].values', { section: 'targets' }],
    ['environments.production.offVariation', { section: 'off' }],
    ['variations[3].value', { section: 'variations', variation: 3 }],
    ['variations', { section: 'variations' }],
    ['name', { section: 'settings' }],
  ])('places %s', (field, expected) => {
    expect(problemAt(field, 'refused', context)).toEqual({ ...expected, message: 'refused' });
  });
});
