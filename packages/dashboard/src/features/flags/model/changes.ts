import type { Clause, Flag, FlagEnvironment, FlagKind, Rollout, Rule, Serve, Variation } from './types.js';

/**
 * One edit of a draft. The kinds the API knows as semantic-patch instructions carry exactly the
 * instruction's arguments (so a draft of only those is sent as `{ instructions }`); the others
 * (variations, kind, temporary, client-side availability, rule descriptions) exist only here and make
 * the draft go out as a JSON Patch.
 */
export type Change =
  | { kind: 'updateName'; value: string }
  | { kind: 'updateDescription'; value: string }
  | { kind: 'addTags'; values: string[] }
  | { kind: 'removeTags'; values: string[] }
  | { kind: 'updateMaintainer'; value: string | null }
  | { kind: 'archiveFlag' }
  | { kind: 'restoreFlag' }
  | { kind: 'updateKind'; value: FlagKind }
  | { kind: 'updateTemporary'; value: boolean }
  | { kind: 'updateClientSideAvailability'; value: Flag['clientSideAvailability'] }
  | { kind: 'addVariation'; variation: Variation }
  | { kind: 'updateVariation'; index: number; variation: Variation }
  | { kind: 'removeVariation'; index: number }
  | { kind: 'turnFlagOn' }
  | { kind: 'turnFlagOff' }
  | { kind: 'updateOffVariation'; variation: number | null }
  | { kind: 'updateFallthrough'; variation?: number; rollout?: Rollout }
  | { kind: 'addTargets'; contextKind: string; variation: number; values: string[] }
  | { kind: 'removeTargets'; contextKind: string; variation: number; values: string[] }
  | { kind: 'addRule'; rule: Rule; beforeRuleId?: string }
  | { kind: 'removeRule'; ruleId: string }
  | { kind: 'reorderRules'; ruleIds: string[] }
  | { kind: 'updateRuleClauses'; ruleId: string; clauses: Clause[] }
  | { kind: 'updateRuleVariationOrRollout'; ruleId: string; variation?: number; rollout?: Rollout }
  | { kind: 'updateRuleDescription'; ruleId: string; description: string }
  | { kind: 'addPrerequisite'; key: string; variation: number }
  | { kind: 'removePrerequisite'; key: string };

/** Kinds that only edit the flag's project-level fields (shared by every environment). */
const PROJECT_KINDS = new Set<Change['kind']>([
  'updateName',
  'updateDescription',
  'addTags',
  'removeTags',
  'updateMaintainer',
  'archiveFlag',
  'restoreFlag',
  'updateKind',
  'updateTemporary',
  'updateClientSideAvailability',
  'addVariation',
  'updateVariation',
  'removeVariation',
]);

export const isProjectChange = (change: Change): boolean => PROJECT_KINDS.has(change.kind);

/** Whether the API accepts this change as a semantic-patch instruction (`lambdas/domain/instructions.ts`). */
export function isInstruction(change: Change): boolean {
  switch (change.kind) {
    case 'updateKind':
    case 'updateTemporary':
    case 'updateClientSideAvailability':
    case 'addVariation':
    case 'updateVariation':
    case 'removeVariation':
    case 'updateRuleDescription':
      return false;
    case 'updateMaintainer':
      return change.value !== null;
    case 'updateName':
      return change.value.length > 0;
    default:
      return true;
  }
}

/** A change could not be applied to the document (re-applying a draft onto someone else's version). */
export class ChangeConflict extends Error {
  override name = 'ChangeConflict';
}

function ruleAt(config: FlagEnvironment, ruleId: string): Rule {
  const rule = config.rules.find((r) => r.id === ruleId);
  if (!rule) throw new ChangeConflict('the rule no longer exists');
  return rule;
}

function setServe(target: Serve, change: { variation?: number; rollout?: Rollout }): void {
  delete target.variation;
  delete target.rollout;
  if (change.variation !== undefined) target.variation = change.variation;
  if (change.rollout !== undefined) target.rollout = structuredClone(change.rollout);
}

const union = (list: string[], values: readonly string[]) => [...new Set([...list, ...values])];
const without = (list: string[], values: readonly string[]) => list.filter((v) => !values.includes(v));

function editTargets(
  config: FlagEnvironment,
  change: { contextKind: string; variation: number; values: string[] },
  add: boolean,
): void {
  const user = change.contextKind === 'user';
  const list: { contextKind?: string; values: string[]; variation: number }[] = user
    ? config.targets
    : config.contextTargets;
  const existing = list.find(
    (t) => t.variation === change.variation && (user || t.contextKind === change.contextKind),
  );
  if (existing) {
    existing.values = add ? union(existing.values, change.values) : without(existing.values, change.values);
  } else if (add) {
    const entry = { values: [...change.values], variation: change.variation };
    if (user) config.targets.push(entry);
    else config.contextTargets.push({ contextKind: change.contextKind, ...entry });
  }
}

/** Every variation index a configuration refers to, with where (for messages). */
export function variationUses(config: FlagEnvironment): { index: number; where: string }[] {
  const uses: { index: number; where: string }[] = [];
  const serve = (s: Serve, where: string) => {
    if (s.variation !== undefined) uses.push({ index: s.variation, where });
    for (const w of s.rollout?.variations ?? []) uses.push({ index: w.variation, where: `${where} rollout` });
  };
  if (config.offVariation !== undefined && config.offVariation !== null)
    uses.push({ index: config.offVariation, where: 'off variation' });
  serve(config.fallthrough, 'default rule');
  for (const [i, rule] of config.rules.entries()) serve(rule, `rule ${i + 1}`);
  for (const t of [...config.targets, ...config.contextTargets])
    if (t.values.length > 0) uses.push({ index: t.variation, where: 'individual targets' });
  return uses;
}

/** Renumbers every variation reference after variation `removed` is deleted. */
function renumber(config: FlagEnvironment, removed: number): void {
  const shift = (i: number) => (i > removed ? i - 1 : i);
  const serve = (s: Serve) => {
    if (s.variation !== undefined) s.variation = shift(s.variation);
    for (const w of s.rollout?.variations ?? []) w.variation = shift(w.variation);
  };
  if (typeof config.offVariation === 'number') config.offVariation = shift(config.offVariation);
  serve(config.fallthrough);
  for (const rule of config.rules) serve(rule);
  config.targets = config.targets.filter((t) => t.variation !== removed);
  config.contextTargets = config.contextTargets.filter((t) => t.variation !== removed);
  for (const t of [...config.targets, ...config.contextTargets]) t.variation = shift(t.variation);
}

function applyOne(flag: Flag, env: string, change: Change): void {
  const config = (): FlagEnvironment => {
    const found = flag.environments[env];
    if (!found) throw new ChangeConflict(`the flag has no environment "${env}"`);
    return found;
  };
  switch (change.kind) {
    case 'updateName':
    case 'updateDescription':
      flag[change.kind === 'updateName' ? 'name' : 'description'] = change.value;
      return;
    case 'addTags':
      flag.tags = union(flag.tags, change.values);
      return;
    case 'removeTags':
      flag.tags = without(flag.tags, change.values);
      return;
    case 'updateMaintainer':
      flag.maintainer = change.value;
      return;
    case 'archiveFlag':
    case 'restoreFlag':
      flag.archived = change.kind === 'archiveFlag';
      return;
    case 'updateKind':
      flag.kind = change.value;
      return;
    case 'updateTemporary':
      flag.temporary = change.value;
      return;
    case 'updateClientSideAvailability':
      flag.clientSideAvailability = { ...change.value };
      return;
    case 'addVariation':
      flag.variations.push(structuredClone(change.variation));
      return;
    case 'updateVariation':
      if (change.index >= flag.variations.length) throw new ChangeConflict('the variation no longer exists');
      flag.variations[change.index] = structuredClone(change.variation);
      return;
    case 'removeVariation':
      if (change.index >= flag.variations.length) throw new ChangeConflict('the variation no longer exists');
      flag.variations.splice(change.index, 1);
      for (const each of Object.values(flag.environments)) renumber(each, change.index);
      return;
    case 'turnFlagOn':
    case 'turnFlagOff':
      config().on = change.kind === 'turnFlagOn';
      return;
    case 'updateOffVariation':
      config().offVariation = change.variation;
      return;
    case 'updateFallthrough':
      setServe(config().fallthrough, change);
      return;
    case 'addTargets':
    case 'removeTargets':
      editTargets(config(), change, change.kind === 'addTargets');
      return;
    case 'addRule': {
      const rules = config().rules;
      if (rules.some((r) => r.id === change.rule.id)) throw new ChangeConflict('the rule already exists');
      const before =
        change.beforeRuleId === undefined ? -1 : rules.findIndex((r) => r.id === change.beforeRuleId);
      rules.splice(before < 0 ? rules.length : before, 0, structuredClone(change.rule));
      return;
    }
    case 'removeRule': {
      const c = config();
      ruleAt(c, change.ruleId);
      c.rules = c.rules.filter((r) => r.id !== change.ruleId);
      return;
    }
    case 'reorderRules': {
      const c = config();
      const order = new Map(change.ruleIds.map((id, i) => [id, i]));
      // Rules someone else added keep their place after the ones this draft ordered.
      c.rules = [...c.rules].sort(
        (a, b) => (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER),
      );
      return;
    }
    case 'updateRuleClauses':
      ruleAt(config(), change.ruleId).clauses = structuredClone(change.clauses);
      return;
    case 'updateRuleVariationOrRollout':
      setServe(ruleAt(config(), change.ruleId), change);
      return;
    case 'updateRuleDescription':
      ruleAt(config(), change.ruleId).description = change.description;
      return;
    case 'addPrerequisite':
      config().prerequisites.push({ key: change.key, variation: change.variation });
      return;
    case 'removePrerequisite': {
      const c = config();
      c.prerequisites = c.prerequisites.filter((p) => p.key !== change.key);
      return;
    }
  }
}

export interface Applied {
  readonly flag: Flag;
  /** Changes that no longer fit the document (their rule or variation was removed), with why. */
  readonly dropped: { change: Change; reason: string }[];
}

/**
 * Applies `changes` to a copy of `flag` in environment `env`, as the API applies the same
 * instructions; a change that no longer fits is dropped and reported instead of failing the rest.
 *
 * @example
 * const { flag: draft } = applyChanges(base, 'production', [{ kind: 'turnFlagOn' }]);
 */
export function applyChanges(flag: Flag, env: string, changes: readonly Change[]): Applied {
  const draft = structuredClone(flag);
  const dropped: Applied['dropped'] = [];
  for (const change of changes) {
    try {
      applyOne(draft, env, change);
    } catch (error) {
      if (!(error instanceof ChangeConflict)) throw error;
      dropped.push({ change, reason: error.message });
    }
  }
  return { flag: draft, dropped };
}

/** The part of the document a change sets wholesale; a later change of the same slot replaces it. */
function slotOf(change: Change): string | undefined {
  switch (change.kind) {
    case 'turnFlagOn':
    case 'turnFlagOff':
      return 'on';
    case 'archiveFlag':
    case 'restoreFlag':
      return 'archived';
    case 'updateName':
    case 'updateDescription':
    case 'updateMaintainer':
    case 'updateKind':
    case 'updateTemporary':
    case 'updateClientSideAvailability':
    case 'updateOffVariation':
    case 'updateFallthrough':
    case 'reorderRules':
      return change.kind;
    case 'updateRuleClauses':
    case 'updateRuleVariationOrRollout':
    case 'updateRuleDescription':
      return `${change.kind}:${change.ruleId}`;
    default:
      return undefined;
  }
}

const ruleIdOf = (change: Change): string | undefined =>
  'ruleId' in change ? change.ruleId : change.kind === 'addRule' ? change.rule.id : undefined;

/** Folds an edit of a rule this draft added into the added rule itself. */
function foldIntoAddedRule(log: Change[], change: Change): boolean {
  const ruleId = ruleIdOf(change);
  const added = log.findIndex((c) => c.kind === 'addRule' && c.rule.id === ruleId);
  const entry = log[added];
  if (entry?.kind !== 'addRule') return false;
  const rule = structuredClone(entry.rule);
  if (change.kind === 'removeRule') {
    const remaining = log
      .filter((c) => ruleIdOf(c) !== ruleId)
      .map((c) =>
        c.kind === 'reorderRules' ? { ...c, ruleIds: c.ruleIds.filter((id) => id !== ruleId) } : c,
      );
    log.splice(0, log.length, ...remaining);
    return true;
  }
  if (change.kind === 'updateRuleClauses') rule.clauses = structuredClone(change.clauses);
  else if (change.kind === 'updateRuleVariationOrRollout') setServe(rule, change);
  else if (change.kind === 'updateRuleDescription') rule.description = change.description;
  else return false;
  log[added] = { ...entry, rule };
  return true;
}

/**
 * Where in the log the variation now at `index` was added, or -1 for a variation of the base. Adds
 * append after the base's `baseVariations`; a remove shifts the later ones down.
 */
function addOfVariation(log: readonly Change[], baseVariations: number, index: number): number {
  let firstAdded = baseVariations;
  const added: number[] = [];
  for (const [at, change] of log.entries()) {
    if (change.kind === 'addVariation') added.push(at);
    else if (change.kind !== 'removeVariation') continue;
    else if (change.index < firstAdded) firstAdded--;
    else added.splice(change.index - firstAdded, 1);
  }
  return index < firstAdded ? -1 : (added[index - firstAdded] ?? -1);
}

/** Folds an edit of a variation this draft added into the added variation itself. */
function foldIntoAddedVariation(log: Change[], change: Change, baseVariations: number): boolean {
  if (change.kind !== 'updateVariation') return false;
  const added = addOfVariation(log, baseVariations, change.index);
  if (added < 0) return false;
  log[added] = { kind: 'addVariation', variation: structuredClone(change.variation) };
  return true;
}

type ListChange = Extract<Change, { values: string[] }>;
const OPPOSITE: Partial<Record<Change['kind'], Change['kind']>> = {
  addTargets: 'removeTargets',
  removeTargets: 'addTargets',
  addTags: 'removeTags',
  removeTags: 'addTags',
};
const sameList = (a: ListChange, b: ListChange) =>
  a.kind === 'addTargets' || a.kind === 'removeTargets'
    ? b.kind === a.kind &&
      a.contextKind === (b as typeof a).contextKind &&
      a.variation === (b as typeof a).variation
    : b.kind === a.kind;

/** Removing what the draft added (or adding back what it removed) cancels the earlier change. */
function cancelOpposite(log: Change[], change: ListChange): ListChange | undefined {
  const opposite = OPPOSITE[change.kind];
  let remaining = [...change.values];
  for (let i = log.length - 1; i >= 0 && remaining.length > 0; i--) {
    const earlier = log[i] as Change;
    if (
      earlier.kind !== opposite ||
      !sameList({ ...change, kind: opposite } as ListChange, earlier as ListChange)
    )
      continue;
    const entry = earlier as ListChange;
    const cancelled = entry.values.filter((v) => remaining.includes(v));
    if (cancelled.length === 0) continue;
    remaining = remaining.filter((v) => !cancelled.includes(v));
    const left = entry.values.filter((v) => !cancelled.includes(v));
    if (left.length === 0) log.splice(i, 1);
    else log[i] = { ...entry, values: left } as Change;
  }
  return remaining.length > 0 ? ({ ...change, values: remaining } as ListChange) : undefined;
}

/**
 * Appends `change` to a draft's log, keeping the log short and readable: a later value of the same
 * field replaces the earlier one, edits of a rule or variation the draft added fold into what it
 * added, and an add undone by a remove disappears. `baseVariations` is how many variations the
 * draft's base has (added variations follow them).
 *
 * @example
 * record([{ kind: 'turnFlagOn' }], { kind: 'turnFlagOff' }, 2); // [{ kind: 'turnFlagOff' }]
 */
export function record(log: readonly Change[], change: Change, baseVariations: number): Change[] {
  const next = [...log];
  if (foldIntoAddedRule(next, change) || foldIntoAddedVariation(next, change, baseVariations)) return next;
  if (change.kind === 'removeRule') {
    const rest = next.filter((c) => ruleIdOf(c) !== change.ruleId);
    return [...rest, change];
  }
  if (change.kind === 'removePrerequisite') {
    const added = next.findIndex((c) => c.kind === 'addPrerequisite' && c.key === change.key);
    if (added >= 0) {
      next.splice(added, 1);
      return next;
    }
  }
  if (OPPOSITE[change.kind]) {
    const rest = cancelOpposite(next, change as ListChange);
    return rest ? [...next, rest] : next;
  }
  const last = next.at(-1);
  // Only the previous change: an add or remove in between renumbers the variations.
  if (change.kind === 'updateVariation' && last?.kind === 'updateVariation' && last.index === change.index) {
    return [...next.slice(0, -1), change];
  }
  const slot = slotOf(change);
  const kept = slot === undefined ? next : next.filter((c) => slotOf(c) !== slot);
  return [...kept, change];
}
