import { contextKind, joinField, strictObject, variationIndex } from '@switchboard/core/schema';
import * as v from 'valibot';
import { ValidationError } from '../errors.js';
import { receiptSettingsSchema } from './receipt-schemas.js';
import {
  clauseSchema,
  type FlagEnvironment,
  type FlagResource,
  flagRuleSchema,
  type Instruction,
  resourceKey,
  type SegmentResource,
  segmentRuleSchema,
  variationOrRolloutSchema,
} from './schemas.js';
import { parseWith } from './validation.js';

/**
 * Semantic PATCH instructions (`turnFlagOn`, `addRule`, …). Each kind declares its argument schema
 * and a pure edit of a draft document; `applyInstructions` validates and applies them in order.
 */
export interface InstructionContext {
  /** Environment named by `?env=`; an instruction's own `env` field wins. */
  readonly env?: string | undefined;
  /** Source of ids for new rules. */
  readonly newId: () => string;
}

/** An instruction kind: its arguments and its edit (its documentation is in `instruction-docs.ts`). */
interface InstructionKind<D, A extends v.GenericSchema> {
  readonly args: A;
  /** Per-environment instructions need an environment. */
  readonly perEnvironment?: boolean;
  readonly apply: (draft: D, args: v.InferOutput<A>, scope: { env: string; newId: () => string }) => void;
}

/** Any instruction's arguments: an object with `kind` and optional `env` (see `withKind`). */
type Args = v.StrictObjectSchema<v.ObjectEntries, undefined>;

type Registry<D> = Record<string, InstructionKind<D, Args>>;

const kind = <D, A extends Args>(definition: InstructionKind<D, A>) =>
  definition as unknown as InstructionKind<D, Args>;

const withKind = <S extends v.ObjectEntries>(shape: S) =>
  strictObject({ kind: v.string(), env: v.optional(resourceKey), ...shape });

const keys = v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1));
const valuesArgs = /* @__PURE__ */ withKind({ values: keys });
const textArgs = (schema: v.GenericSchema<string>) => withKind({ value: schema });
const serveArgs = /* @__PURE__ */ withKind(variationOrRolloutSchema.entries);
const targetArgs = /* @__PURE__ */ withKind({
  variation: variationIndex,
  values: keys,
  contextKind: v.optional(contextKind, 'user'),
});

interface RuleHolder {
  rules: { id: string; clauses: v.InferOutput<typeof clauseSchema>[] }[];
}

/** The index of rule `ruleId`; a missing one is named at the argument (`field`) that names it. */
function ruleIndex(holder: RuleHolder, ruleId: string, field = 'ruleId'): number {
  const index = holder.rules.findIndex((r) => r.id === ruleId);
  if (index < 0) throw new ValidationError(`no rule with id "${ruleId}"`, field);
  return index;
}

const addUnique = (list: string[], values: readonly string[]) => [...new Set([...list, ...values])];
const without = (list: string[], values: readonly string[]) => list.filter((v) => !values.includes(v));

/** The rule edits of flags (per environment) and segments: `holder` finds the rules in a draft. */
function ruleKinds<D>(holder: (draft: D, env: string) => RuleHolder, ruleShape: v.GenericSchema) {
  return {
    addRule: kind({
      args: withKind({ rule: ruleShape, beforeRuleId: v.optional(v.string()) }),
      perEnvironment: true,
      apply: (draft: D, args, { env, newId }) => {
        const target = holder(draft, env);
        const rule = { id: newId(), ...(args.rule as object) } as RuleHolder['rules'][number];
        const at =
          args.beforeRuleId === undefined
            ? target.rules.length
            : ruleIndex(target, args.beforeRuleId, 'beforeRuleId');
        target.rules.splice(at, 0, rule);
      },
    }),
    removeRule: kind({
      args: withKind({ ruleId: v.string() }),
      perEnvironment: true,
      apply: (draft: D, args, { env }) => {
        const target = holder(draft, env);
        target.rules.splice(ruleIndex(target, args.ruleId), 1);
      },
    }),
    reorderRules: kind({
      args: withKind({ ruleIds: v.array(v.string()) }),
      perEnvironment: true,
      apply: (draft: D, args, { env }) => {
        const target = holder(draft, env);
        const sameSet =
          args.ruleIds.length === target.rules.length && new Set(args.ruleIds).size === args.ruleIds.length;
        if (!sameSet) throw new ValidationError('must list every rule id exactly once', 'ruleIds');
        target.rules = args.ruleIds.map(
          (id) => target.rules[ruleIndex(target, id, 'ruleIds')] as RuleHolder['rules'][number],
        );
      },
    }),
    updateRuleClauses: kind({
      args: withKind({ ruleId: v.string(), clauses: v.array(clauseSchema) }),
      perEnvironment: true,
      apply: (draft: D, args, { env }) => {
        const target = holder(draft, env);
        const rule = target.rules[ruleIndex(target, args.ruleId)] as RuleHolder['rules'][number];
        rule.clauses = args.clauses;
      },
    }),
  };
}

function environmentOf(draft: FlagResource, env: string): FlagEnvironment {
  const config = draft.environments[env];
  if (!config) throw new ValidationError(`unknown environment "${env}"`, 'env');
  return config;
}

function setServe(
  target: { variation?: number; rollout?: unknown },
  args: v.InferOutput<typeof serveArgs>,
): void {
  delete target.variation;
  delete target.rollout;
  if (args.variation !== undefined) target.variation = args.variation;
  if (args.rollout !== undefined) target.rollout = args.rollout;
}

function editTargets(config: FlagEnvironment, args: v.InferOutput<typeof targetArgs>, add: boolean): void {
  const list: { contextKind?: string; values: string[]; variation: number }[] =
    args.contextKind === 'user' ? config.targets : config.contextTargets;
  const matches = (t: { contextKind?: string; variation: number }) =>
    t.variation === args.variation && (args.contextKind === 'user' || t.contextKind === args.contextKind);
  const existing = list.find(matches);
  if (existing) {
    existing.values = add ? addUnique(existing.values, args.values) : without(existing.values, args.values);
    return;
  }
  if (!add) return;
  const entry = { values: [...args.values], variation: args.variation };
  list.push(args.contextKind === 'user' ? entry : { contextKind: args.contextKind, ...entry });
}

const updateName = <D extends { name: string }>() =>
  kind({
    args: textArgs(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
    apply: (draft: D, args) => {
      draft.name = args.value;
    },
  });

const namedResourceKinds = <D extends { name: string; description: string; tags: string[] }>() => ({
  updateName: updateName<D>(),
  updateDescription: kind({
    args: textArgs(v.pipe(v.string(), v.maxLength(4096))),
    apply: (draft: D, args) => {
      draft.description = args.value;
    },
  }),
  addTags: kind({
    args: valuesArgs,
    apply: (draft: D, args) => {
      draft.tags = addUnique(draft.tags, args.values);
    },
  }),
  removeTags: kind({
    args: valuesArgs,
    apply: (draft: D, args) => {
      draft.tags = without(draft.tags, args.values);
    },
  }),
});

export const flagInstructions: Registry<FlagResource> = /* @__PURE__ */ (() => ({
  ...namedResourceKinds<FlagResource>(),
  ...ruleKinds<FlagResource>(environmentOf, v.partial(flagRuleSchema, ['id'])),
  turnFlagOn: kind({
    args: withKind({}),
    perEnvironment: true,
    apply: (draft, _args, { env }) => {
      environmentOf(draft, env).on = true;
    },
  }),
  turnFlagOff: kind({
    args: withKind({}),
    perEnvironment: true,
    apply: (draft, _args, { env }) => {
      environmentOf(draft, env).on = false;
    },
  }),
  updateOffVariation: kind({
    args: withKind({ variation: v.nullable(variationIndex) }),
    perEnvironment: true,
    apply: (draft, args, { env }) => {
      environmentOf(draft, env).offVariation = args.variation;
    },
  }),
  updateFallthrough: kind({
    args: serveArgs,
    perEnvironment: true,
    apply: (draft, args, { env }) => setServe(environmentOf(draft, env).fallthrough, args),
  }),
  updateRuleVariationOrRollout: kind({
    args: strictObject({ ...serveArgs.entries, ruleId: v.string() }),
    perEnvironment: true,
    apply: (draft, args, { env }) => {
      const config = environmentOf(draft, env);
      setServe(config.rules[ruleIndex(config, args.ruleId)] as FlagEnvironment['rules'][number], args);
    },
  }),
  addTargets: kind({
    args: targetArgs,
    perEnvironment: true,
    apply: (draft, args, { env }) => editTargets(environmentOf(draft, env), args, true),
  }),
  removeTargets: kind({
    args: targetArgs,
    perEnvironment: true,
    apply: (draft, args, { env }) => editTargets(environmentOf(draft, env), args, false),
  }),
  addPrerequisite: kind({
    args: withKind({ key: resourceKey, variation: variationIndex }),
    perEnvironment: true,
    apply: (draft, args, { env }) => {
      environmentOf(draft, env).prerequisites.push({ key: args.key, variation: args.variation });
    },
  }),
  removePrerequisite: kind({
    args: withKind({ key: resourceKey }),
    perEnvironment: true,
    apply: (draft, args, { env }) => {
      const config = environmentOf(draft, env);
      config.prerequisites = config.prerequisites.filter((p) => p.key !== args.key);
    },
  }),
  archiveFlag: kind({
    args: withKind({}),
    apply: (draft) => {
      draft.archived = true;
    },
  }),
  restoreFlag: kind({
    args: withKind({}),
    apply: (draft) => {
      draft.archived = false;
    },
  }),
  updateMaintainer: kind({
    args: textArgs(v.pipe(v.string(), v.maxLength(256))),
    apply: (draft, args) => {
      draft.maintainer = args.value;
    },
  }),
}))();

const segmentListEdit = (list: 'included' | 'excluded', add: boolean) =>
  kind({
    args: withKind({
      values: keys,
      contextKind: v.optional(contextKind, 'user'),
    }),
    apply: (draft: SegmentResource, args) => {
      if (args.contextKind === 'user') {
        draft[list] = add ? addUnique(draft[list], args.values) : without(draft[list], args.values);
        return;
      }
      const contexts = list === 'included' ? draft.includedContexts : draft.excludedContexts;
      const entry = contexts.find((c) => c.contextKind === args.contextKind);
      if (entry)
        entry.values = add ? addUnique(entry.values, args.values) : without(entry.values, args.values);
      else if (add) contexts.push({ contextKind: args.contextKind, values: [...args.values] });
    },
  });

export const segmentInstructions: Registry<SegmentResource> = /* @__PURE__ */ (() => ({
  ...namedResourceKinds<SegmentResource>(),
  ...ruleKinds<SegmentResource>((draft) => draft, v.partial(segmentRuleSchema, ['id'])),
  addIncludedTargets: segmentListEdit('included', true),
  removeIncludedTargets: segmentListEdit('included', false),
  addExcludedTargets: segmentListEdit('excluded', true),
  removeExcludedTargets: segmentListEdit('excluded', false),
}))();

export const projectInstructions = /* @__PURE__ */ namedResourceKinds<{
  name: string;
  description: string;
  tags: string[];
}>();

interface EnvironmentDraft {
  name: string;
  color: string;
  secureMode: boolean;
  receipts?: v.InferOutput<typeof receiptSettingsSchema>;
}

export const environmentInstructions: Registry<EnvironmentDraft> = /* @__PURE__ */ (() => ({
  updateName: updateName<EnvironmentDraft>(),
  updateColor: kind({
    args: textArgs(v.pipe(v.string(), v.regex(/^#?[0-9A-Fa-f]{6}$/, 'must be a hex colour such as #3366ff'))),
    apply: (draft: { color: string }, args) => {
      draft.color = args.value;
    },
  }),
  updateSecureMode: kind({
    args: withKind({ value: v.boolean() }),
    apply: (draft: { secureMode: boolean }, args) => {
      draft.secureMode = args.value;
    },
  }),
  updateReceipts: kind({
    args: withKind({
      enabled: receiptSettingsSchema.entries.enabled,
      sampleRate: v.optional(receiptSettingsSchema.entries.sampleRate),
    }),
    apply: (draft: EnvironmentDraft, args) => {
      draft.receipts = {
        enabled: args.enabled,
        sampleRate: args.sampleRate ?? draft.receipts?.sampleRate ?? 1,
      };
    },
  }),
}))();

function prefixed(error: unknown, prefix: string): never {
  if (error instanceof ValidationError) {
    const field = joinField(prefix, error.field);
    throw new ValidationError(
      error.message.startsWith(`${field}:`) ? error.message : `${field}: ${error.message}`,
      field,
    );
  }
  throw error;
}

/**
 * Applies `instructions` to a copy of `document` and returns it, plus the environments touched.
 * Throws a `ValidationError` naming `instructions[i].<field>` for an unknown kind or bad arguments.
 */
export function applyInstructions<D>(
  registry: Registry<D>,
  document: D,
  instructions: readonly Instruction[],
  context: InstructionContext,
): { document: D; environments: Set<string> } {
  const draft = structuredClone(document);
  const environments = new Set<string>();
  instructions.forEach((instruction, i) => {
    const at = `instructions[${i}]`;
    const definition = Object.hasOwn(registry, instruction.kind) ? registry[instruction.kind] : undefined;
    if (!definition)
      throw new ValidationError(`${at}.kind: unknown instruction "${instruction.kind}"`, `${at}.kind`);
    const args = parseWith(definition.args, instruction, at);
    const env = (args.env as string | undefined) ?? context.env;
    if (definition.perEnvironment && env === undefined) {
      throw new ValidationError(
        `${at}.env: "${instruction.kind}" needs an environment (?env= or "env")`,
        `${at}.env`,
      );
    }
    if (definition.perEnvironment && env !== undefined) environments.add(env);
    try {
      definition.apply(draft, args, { env: env ?? '', newId: context.newId });
    } catch (error) {
      prefixed(error, at);
    }
  });
  return { document: draft, environments };
}
