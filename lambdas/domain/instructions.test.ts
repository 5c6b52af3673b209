import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import {
  applyInstructions,
  environmentInstructions,
  flagInstructions,
  segmentInstructions,
} from './instructions.js';
import type { FlagResource, SegmentResource } from './schemas.js';

const config = {
  on: false,
  offVariation: 1,
  targets: [],
  contextTargets: [],
  rules: [{ id: 'r1', clauses: [], variation: 0 }],
  fallthrough: { variation: 0 },
  prerequisites: [],
  salt: 's',
  trackEvents: false,
  trackEventsFallthrough: false,
  version: 3,
};

const flag: FlagResource = {
  key: 'f',
  name: 'F',
  description: '',
  tags: ['a'],
  kind: 'release',
  temporary: true,
  variations: [{ value: true }, { value: false }],
  clientSideAvailability: { usingEnvironmentId: false, usingMobileKey: false },
  maintainer: null,
  archived: false,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  environments: { production: structuredClone(config), staging: structuredClone(config) },
};

let ids = 0;
const apply = (instructions: object[], env?: string) =>
  applyInstructions(flagInstructions, flag, instructions as never, { env, newId: () => `id${++ids}` });

describe('flag instructions', () => {
  it.each<[string, object, (f: FlagResource) => unknown, unknown]>([
    ['turnFlagOn', { kind: 'turnFlagOn' }, (f) => f.environments.production?.on, true],
    [
      'updateOffVariation',
      { kind: 'updateOffVariation', variation: 0 },
      (f) => f.environments.production?.offVariation,
      0,
    ],
    [
      'updateFallthrough to a rollout',
      { kind: 'updateFallthrough', rollout: { variations: [{ variation: 0, weight: 100000 }] } },
      (f) => f.environments.production?.fallthrough,
      { rollout: { variations: [{ variation: 0, weight: 100000 }] } },
    ],
    [
      'addTargets for users',
      { kind: 'addTargets', variation: 0, values: ['u1', 'u2'] },
      (f) => f.environments.production?.targets,
      [{ values: ['u1', 'u2'], variation: 0 }],
    ],
    [
      'addTargets for another kind',
      { kind: 'addTargets', variation: 1, values: ['o1'], contextKind: 'org' },
      (f) => f.environments.production?.contextTargets,
      [{ contextKind: 'org', values: ['o1'], variation: 1 }],
    ],
    ['removeRule', { kind: 'removeRule', ruleId: 'r1' }, (f) => f.environments.production?.rules, []],
    [
      'addPrerequisite',
      { kind: 'addPrerequisite', key: 'p', variation: 0 },
      (f) => f.environments.production?.prerequisites,
      [{ key: 'p', variation: 0 }],
    ],
    [
      'updateRuleClauses',
      { kind: 'updateRuleClauses', ruleId: 'r1', clauses: [{ attribute: 'a', op: 'in', values: [1] }] },
      (f) => f.environments.production?.rules[0]?.clauses,
      [{ attribute: 'a', op: 'in', values: [1] }],
    ],
    ['addTags', { kind: 'addTags', values: ['a', 'b'] }, (f) => f.tags, ['a', 'b']],
    ['archiveFlag', { kind: 'archiveFlag' }, (f) => f.archived, true],
  ])('%s', (_name, instruction, read, expected) => {
    const { document } = apply([instruction], 'production');
    expect(read(document)).toEqual(expected);
    expect(document.environments.staging).toEqual(config);
  });

  it('adds a rule before another, with a generated id', () => {
    const { document } = apply(
      [{ kind: 'addRule', rule: { clauses: [], variation: 1 }, beforeRuleId: 'r1' }],
      'production',
    );
    expect(document.environments.production?.rules.map((r) => r.id)).toEqual([`id${ids}`, 'r1']);
  });

  it('reorders rules only when every id is listed once', () => {
    const two = apply(
      [{ kind: 'addRule', rule: { id: 'r2', clauses: [], variation: 1 } }],
      'production',
    ).document;
    const { document } = applyInstructions(
      flagInstructions,
      two,
      [{ kind: 'reorderRules', ruleIds: ['r2', 'r1'] }],
      { env: 'production', newId: () => 'x' },
    );
    expect(document.environments.production?.rules.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(() =>
      applyInstructions(flagInstructions, two, [{ kind: 'reorderRules', ruleIds: ['r2'] }], {
        env: 'production',
        newId: () => 'x',
      }),
    ).toThrow(/ruleIds/);
  });

  // Found by exploratory testing: both named `ruleId`, an argument neither instruction has.
  it.each([
    [{ kind: 'addRule', rule: { clauses: [], variation: 1 }, beforeRuleId: 'nope' }, 'beforeRuleId'],
    [{ kind: 'reorderRules', ruleIds: ['nope'] }, 'ruleIds'],
  ])('names the argument that names a missing rule: %o', (instruction, field) => {
    expect(() => apply([instruction], 'production')).toThrow(
      expect.objectContaining({ field: `instructions[0].${field}` }),
    );
  });

  it('takes the environment from the instruction over the query', () => {
    const { document, environments } = apply([{ kind: 'turnFlagOn', env: 'staging' }], 'production');
    expect(document.environments.staging?.on).toBe(true);
    expect([...environments]).toEqual(['staging']);
  });

  it.each<[string, object[], string | undefined, string]>([
    ['unknown kind', [{ kind: 'nope' }], 'production', 'instructions[0].kind'],
    ['missing environment', [{ kind: 'turnFlagOn' }], undefined, 'instructions[0].env'],
    ['unknown environment', [{ kind: 'turnFlagOn', env: 'qa' }], undefined, 'instructions[0].env'],
    ['unknown argument', [{ kind: 'turnFlagOn', force: true }], 'production', 'instructions[0].force'],
    [
      'unknown rule',
      [{ kind: 'turnFlagOff' }, { kind: 'removeRule', ruleId: 'zz' }],
      'production',
      'instructions[1].ruleId',
    ],
  ])('rejects %s naming %s', (_name, instructions, env, field) => {
    try {
      apply(instructions, env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
    }
  });

  it('leaves the input untouched', () => {
    apply([{ kind: 'turnFlagOn' }], 'production');
    expect(flag.environments.production?.on).toBe(false);
  });
});

describe('segment instructions', () => {
  const segment: SegmentResource = {
    key: 's',
    name: 'S',
    description: '',
    tags: [],
    included: ['a'],
    excluded: [],
    includedContexts: [],
    excludedContexts: [],
    rules: [],
    unbounded: false,
    salt: 'x',
    version: 1,
  };
  const run = (instructions: object[]) =>
    applyInstructions(segmentInstructions, segment, instructions as never, {
      env: 'production',
      newId: () => 'r',
    }).document;

  it.each<[object, Partial<SegmentResource>]>([
    [{ kind: 'addIncludedTargets', values: ['b', 'a'] }, { included: ['a', 'b'] }],
    [{ kind: 'removeIncludedTargets', values: ['a'] }, { included: [] }],
    [
      { kind: 'addExcludedTargets', values: ['o'], contextKind: 'org' },
      { excludedContexts: [{ contextKind: 'org', values: ['o'] }] },
    ],
    [
      { kind: 'addRule', rule: { clauses: [], weight: 5000 } },
      { rules: [{ id: 'r', clauses: [], weight: 5000 }] },
    ],
  ])('%j', (instruction, expected) => {
    expect(run([instruction])).toMatchObject(expected);
  });
});

describe('environment instructions', () => {
  const environment = { name: 'Production', color: '#3366ff', secureMode: false };
  const applyTo = (
    document: typeof environment & { receipts?: { enabled: boolean; sampleRate: number } },
    instructions: object[],
  ) =>
    applyInstructions(environmentInstructions, document, instructions as never, { newId: () => 'id' })
      .document;

  describe('updateReceipts', () => {
    it('turns receipts on at the given rate', () => {
      const edited = applyTo(environment, [{ kind: 'updateReceipts', enabled: true, sampleRate: 0.1 }]);
      expect(edited.receipts).toEqual({ enabled: true, sampleRate: 0.1 });
    });

    it('samples every SDK the first time no rate is given', () => {
      const edited = applyTo(environment, [{ kind: 'updateReceipts', enabled: true }]);
      expect(edited.receipts).toEqual({ enabled: true, sampleRate: 1 });
    });

    it('keeps the rate when turning receipts off without one', () => {
      const on = { ...environment, receipts: { enabled: true, sampleRate: 0.25 } };
      const edited = applyTo(on, [{ kind: 'updateReceipts', enabled: false }]);
      expect(edited.receipts).toEqual({ enabled: false, sampleRate: 0.25 });
    });

    it.each([0, 1.01, -1, '0.5'])('refuses a sampleRate of %j, naming the field', (sampleRate) => {
      expect(() => applyTo(environment, [{ kind: 'updateReceipts', enabled: true, sampleRate }])).toThrow(
        expect.objectContaining({ field: 'instructions[0].sampleRate' }),
      );
    });

    it('needs enabled', () => {
      expect(() => applyTo(environment, [{ kind: 'updateReceipts', sampleRate: 0.5 }])).toThrow(
        expect.objectContaining({ field: 'instructions[0].enabled' }),
      );
    });
  });
});
