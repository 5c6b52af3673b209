/**
 * What each semantic-patch instruction does, with a typical call (its arguments without `kind`), for
 * the OpenAPI document and docs/control-plane.md. Apart from the instructions themselves
 * (`instructions.ts`), which every API function bundles: this is read only where the document is
 * generated, and a test checks that both name the same kinds and that every example parses.
 */

/** One instruction kind's documentation. */
export interface InstructionDoc {
  readonly description: string;
  readonly example: Readonly<Record<string, unknown>>;
}

/** Documentation by instruction kind. */
export type InstructionDocs = Readonly<Record<string, InstructionDoc>>;

/** `exampleScope` is what the examples add to name the environment (segments have theirs in the path). */
const ruleDocs = (
  exampleRule: Readonly<Record<string, unknown>>,
  exampleScope: { env?: string },
): InstructionDocs => ({
  addRule: {
    description: 'Adds a targeting rule (its id is generated) at the end, or before the rule `beforeRuleId`.',
    example: { ...exampleScope, rule: exampleRule },
  },
  removeRule: {
    description: 'Removes the rule `ruleId`.',
    example: { ...exampleScope, ruleId: 'r1' },
  },
  reorderRules: {
    description: 'Puts the rules in the order of `ruleIds`, which must list every rule id exactly once.',
    example: { ...exampleScope, ruleIds: ['r2', 'r1'] },
  },
  updateRuleClauses: {
    description: 'Replaces the clauses of the rule `ruleId`.',
    example: {
      ...exampleScope,
      ruleId: 'r1',
      clauses: [{ attribute: 'plan', op: 'in', values: ['enterprise'] }],
    },
  },
});

const namedResourceDocs = {
  updateName: {
    description: 'Renames the resource (its key stays).',
    example: { value: 'New checkout' },
  },
  updateDescription: {
    description: 'Replaces the description.',
    example: { value: 'Rolls out the one-page checkout' },
  },
  addTags: {
    description: 'Adds tags; tags already present are kept once.',
    example: { values: ['checkout', 'q3'] },
  },
  removeTags: {
    description: 'Removes tags; tags not present are ignored.',
    example: { values: ['q3'] },
  },
} satisfies InstructionDocs;

export const flagInstructionDocs: InstructionDocs = {
  ...namedResourceDocs,
  ...ruleDocs(
    {
      description: 'Enterprise plans',
      clauses: [{ attribute: 'plan', op: 'in', values: ['enterprise'] }],
      variation: 0,
    },
    { env: 'production' },
  ),
  turnFlagOn: {
    description: 'Turns targeting on in the environment.',
    example: { env: 'production' },
  },
  turnFlagOff: {
    description: 'Turns targeting off: the environment serves `offVariation`.',
    example: { env: 'production' },
  },
  updateOffVariation: {
    description:
      'Sets the variation served while targeting is off; `null` leaves none, so SDKs return their fallback value.',
    example: { env: 'production', variation: 1 },
  },
  updateFallthrough: {
    description:
      'Sets what contexts that match no target or rule get: a `variation` or a percentage `rollout` (weights in thousandths of a percent, 100000 in all).',
    example: {
      env: 'production',
      rollout: {
        variations: [
          { variation: 0, weight: 10_000 },
          { variation: 1, weight: 90_000 },
        ],
      },
    },
  },
  updateRuleVariationOrRollout: {
    description: 'Sets what the rule `ruleId` serves: a `variation` or a percentage `rollout`.',
    example: { env: 'production', ruleId: 'r1', variation: 0 },
  },
  addTargets: {
    description:
      'Serves `variation` to the contexts whose key is in `values` (of `contextKind`, `user` by default).',
    example: { env: 'production', variation: 0, values: ['user-1', 'user-2'] },
  },
  removeTargets: {
    description: 'Removes context keys from the individual targets of `variation`.',
    example: { env: 'production', variation: 0, values: ['user-2'], contextKind: 'user' },
  },
  addPrerequisite: {
    description: 'Makes the flag serve its off variation unless flag `key` serves `variation`.',
    example: { env: 'production', key: 'new-billing', variation: 0 },
  },
  removePrerequisite: {
    description: 'Removes the prerequisite on flag `key`.',
    example: { env: 'production', key: 'new-billing' },
  },
  archiveFlag: {
    description: 'Marks the flag archived (flag lists filter on `archived`); evaluation is unchanged.',
    example: {},
  },
  restoreFlag: {
    description: 'Takes the flag out of the archive.',
    example: {},
  },
  updateMaintainer: {
    description: 'Sets who maintains the flag (free text; empty for nobody).',
    example: { value: 'payments-team' },
  },
};

const segmentListDoc = (list: 'included' | 'excluded', add: boolean): InstructionDoc => ({
  description: `${add ? 'Adds context keys to' : 'Removes context keys from'} the segment’s ${list} list (of \`contextKind\`, \`user\` by default)${list === 'excluded' ? ', which wins over its included list and rules' : ''}.`,
  example: add ? { values: ['user-1'], contextKind: 'user' } : { values: ['user-1'] },
});

export const segmentInstructionDocs: InstructionDocs = {
  ...namedResourceDocs,
  ...ruleDocs({ clauses: [{ attribute: 'country', op: 'in', values: ['NZ', 'AU'] }] }, {}),
  addIncludedTargets: segmentListDoc('included', true),
  removeIncludedTargets: segmentListDoc('included', false),
  addExcludedTargets: segmentListDoc('excluded', true),
  removeExcludedTargets: segmentListDoc('excluded', false),
};

export const projectInstructionDocs: InstructionDocs = namedResourceDocs;

export const environmentInstructionDocs: InstructionDocs = {
  updateName: namedResourceDocs.updateName,
  updateColor: {
    description: 'Sets the colour the dashboard shows the environment in (`#rrggbb`).',
    example: { value: '#3366ff' },
  },
  updateSecureMode: {
    description:
      'Turns secure mode on or off: with it on, client-side evaluation needs the context’s hash, computed with the SDK key.',
    example: { value: true },
  },
  updateReceipts: {
    description:
      'Turns delivery receipts on or off. `sampleRate` (from 0.000001, one in a million, to 1) is the share of SDKs that acknowledge each change; without it the rate stays as it was (1 the first time).',
    example: { enabled: true, sampleRate: 0.1 },
  },
};
