import { describe, expect, it } from 'vitest';
import { applyInstructions, flagInstructions } from '../../../../../../lambdas/domain/instructions.js';
import type { FlagResource } from '../../../../../../lambdas/domain/schemas.js';
import { checkoutFlag } from '../testing/flag-fixtures.js';
import { applyChanges, type Change, record } from './changes.js';

/** The log of `changes` made to a draft whose base has `baseVariations` variations. */
const build = (changes: Change[], baseVariations = 2) =>
  changes.reduce<Change[]>((log, change) => record(log, change, baseVariations), []);

describe('record', () => {
  it('keeps the last value of a field', () => {
    expect(build([{ kind: 'turnFlagOn' }, { kind: 'turnFlagOff' }])).toEqual([{ kind: 'turnFlagOff' }]);
  });

  it('folds edits of a rule the draft added into the added rule, and drops it when removed', () => {
    const rule = { id: 'n1', clauses: [], variation: 0 };
    const log = build([
      { kind: 'addRule', rule },
      { kind: 'updateRuleClauses', ruleId: 'n1', clauses: [{ attribute: 'key', op: 'in', values: ['a'] }] },
      { kind: 'updateRuleVariationOrRollout', ruleId: 'n1', variation: 1 },
    ]);
    expect(log).toEqual([
      {
        kind: 'addRule',
        rule: { id: 'n1', clauses: [{ attribute: 'key', op: 'in', values: ['a'] }], variation: 1 },
      },
    ]);
    expect(record(log, { kind: 'removeRule', ruleId: 'n1' }, 2)).toEqual([]);
  });

  it('folds edits of a variation the draft added into the added variation', () => {
    const log = build([
      { kind: 'addVariation', variation: { value: '' } },
      { kind: 'updateVariation', index: 2, variation: { value: 'neural' } },
      { kind: 'updateVariation', index: 2, variation: { value: 'neural', name: 'Neural' } },
    ]);
    expect(log).toEqual([{ kind: 'addVariation', variation: { value: 'neural', name: 'Neural' } }]);
  });

  it('finds an added variation after removals renumber it, and leaves base variations to updates', () => {
    const log = build([
      { kind: 'addVariation', variation: { value: '' } },
      { kind: 'addVariation', variation: { value: '' } },
      { kind: 'removeVariation', index: 0 },
      { kind: 'removeVariation', index: 1 },
      { kind: 'updateVariation', index: 1, variation: { value: 'b' } },
      { kind: 'updateVariation', index: 0, variation: { value: 'a' } },
    ]);
    expect(log).toEqual([
      { kind: 'addVariation', variation: { value: '' } },
      { kind: 'addVariation', variation: { value: 'b' } },
      { kind: 'removeVariation', index: 0 },
      { kind: 'removeVariation', index: 1 },
      { kind: 'updateVariation', index: 0, variation: { value: 'a' } },
    ]);
  });

  it('cancels a target add with its remove', () => {
    const log = build([
      { kind: 'addTargets', contextKind: 'user', variation: 0, values: ['a', 'b'] },
      { kind: 'removeTargets', contextKind: 'user', variation: 0, values: ['a'] },
    ]);
    expect(log).toEqual([{ kind: 'addTargets', contextKind: 'user', variation: 0, values: ['b'] }]);
  });
});

describe('applyChanges', () => {
  it('drops, and reports, a change whose rule someone else removed', () => {
    const base = checkoutFlag();
    const { flag, dropped } = applyChanges(base, 'production', [
      { kind: 'updateRuleDescription', ruleId: 'gone', description: 'x' },
      { kind: 'turnFlagOn' },
    ]);
    expect(dropped).toEqual([
      { change: expect.objectContaining({ ruleId: 'gone' }), reason: 'the rule no longer exists' },
    ]);
    expect(flag.environments.production?.on).toBe(true);
  });

  it('renumbers references in every environment when a variation is removed', () => {
    const base = checkoutFlag({ variations: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    const { flag } = applyChanges(base, 'production', [
      { kind: 'updateOffVariation', variation: 2 },
      { kind: 'removeVariation', index: 1 },
    ]);
    expect(flag.variations).toEqual([{ value: 'a' }, { value: 'c' }]);
    expect(flag.environments.production?.offVariation).toBe(1);
    expect(flag.environments.staging?.offVariation).toBe(1);
  });

  // The API applies the same instructions; both must end with the same document.
  it.each<[string, Change[]]>([
    [
      'on/off, off variation and fallthrough',
      [
        { kind: 'turnFlagOn' },
        { kind: 'updateOffVariation', variation: 0 },
        {
          kind: 'updateFallthrough',
          rollout: {
            variations: [
              { variation: 0, weight: 25_000 },
              { variation: 1, weight: 75_000 },
            ],
            bucketBy: 'email',
          },
        },
      ],
    ],
    [
      'targets of users and other kinds',
      [
        { kind: 'addTargets', contextKind: 'user', variation: 0, values: ['alice'] },
        { kind: 'addTargets', contextKind: 'org', variation: 1, values: ['acme'] },
        { kind: 'removeTargets', contextKind: 'user', variation: 0, values: ['alice'] },
      ],
    ],
    [
      'rules added before others, reordered, edited and removed',
      [
        {
          kind: 'addRule',
          rule: {
            id: 'n1',
            clauses: [{ attribute: 'email', op: 'endsWith', values: ['@acme.com'] }],
            variation: 1,
          },
          beforeRuleId: 'r1',
        },
        { kind: 'addRule', rule: { id: 'n2', clauses: [], variation: 0 } },
        { kind: 'reorderRules', ruleIds: ['n2', 'r1', 'n1'] },
        {
          kind: 'updateRuleClauses',
          ruleId: 'r1',
          clauses: [{ attribute: 'version', op: 'semVerGreaterThan', values: ['2.0.0'], negate: true }],
        },
        {
          kind: 'updateRuleVariationOrRollout',
          ruleId: 'r1',
          rollout: { variations: [{ variation: 0, weight: 100_000 }], contextKind: 'org' },
        },
        { kind: 'removeRule', ruleId: 'n2' },
      ],
    ],
    [
      'prerequisites',
      [
        { kind: 'addPrerequisite', key: 'login', variation: 0 },
        { kind: 'addPrerequisite', key: 'cart', variation: 1 },
        { kind: 'removePrerequisite', key: 'login' },
      ],
    ],
    [
      'project fields',
      [
        { kind: 'updateName', value: 'Checkout v2' },
        { kind: 'updateDescription', value: 'd' },
        { kind: 'addTags', values: ['web'] },
        { kind: 'removeTags', values: ['payments'] },
        { kind: 'updateMaintainer', value: 'dana' },
        { kind: 'archiveFlag' },
      ],
    ],
  ])('matches the API for %s', (_name, changes) => {
    const base = checkoutFlag();
    const { lastEvaluated: _l, ...resource } = base;
    const server = applyInstructions(flagInstructions, resource as unknown as FlagResource, changes, {
      env: 'production',
      newId: () => 'server-id',
    }).document;
    const { lastEvaluated: _m, ...client } = applyChanges(base, 'production', changes).flag;
    expect(client).toEqual(server);
  });
});
