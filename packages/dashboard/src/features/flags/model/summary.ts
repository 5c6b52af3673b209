import jsonPatch from 'fast-json-patch';
import type { Change } from './changes.js';
import type { Flag, Json, Rollout, Serve } from './types.js';

/** A variation as people name it: its name, else its value. */
export function variationLabel(flag: Pick<Flag, 'variations'>, index: number | null | undefined): string {
  if (index === null || index === undefined) return 'none';
  const variation = flag.variations[index];
  if (!variation) return `variation ${index + 1} (missing)`;
  return variation.name ? variation.name : formatValue(variation.value);
}

/** Looks up another flag's variations by key (a prerequisite's); `undefined` while unknown. */
export type VariationsOf = (flagKey: string) => Flag['variations'] | undefined;

/** The variation a prerequisite must serve, as {@link variationLabel} names it; by number while unknown. */
export function prerequisiteLabel(variations: Flag['variations'] | undefined, index: number): string {
  return variations ? variationLabel({ variations }, index) : `variation ${index + 1}`;
}

export function formatValue(value: Json | undefined): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Weights are out of 100 000; people read percentages. */
export const percentOf = (weight: number) => `${Number((weight / 1000).toFixed(3))}%`;

export function describeRollout(flag: Pick<Flag, 'variations'>, rollout: Rollout): string {
  const parts = rollout.variations.map((w) => `${percentOf(w.weight)} ${variationLabel(flag, w.variation)}`);
  const by = `${rollout.contextKind ?? 'user'} by ${rollout.bucketBy || 'key'}`;
  return `a rollout (${parts.join(', ')}; ${by})`;
}

export function describeServe(flag: Pick<Flag, 'variations'>, serve: Serve): string {
  if (serve.rollout) return describeRollout(flag, serve.rollout);
  return variationLabel(flag, serve.variation);
}

const ruleName = (flag: Flag, env: string, ruleId: string) => {
  const rules = flag.environments[env]?.rules ?? [];
  const index = rules.findIndex((r) => r.id === ruleId);
  const rule = rules[index];
  if (!rule) return 'a removed rule';
  return `rule ${index + 1}${rule.description ? ` “${rule.description}”` : ''}`;
};

const clauseText = (c: {
  contextKind?: string;
  attribute: string;
  op: string;
  values: Json[];
  negate?: boolean;
}) =>
  `${c.op === 'segmentMatch' ? '' : `${c.contextKind ?? 'user'}.${c.attribute} `}${c.negate ? 'not ' : ''}${c.op} ${c.values.map(formatValue).join(', ')}`;

/**
 * One readable line per change, for the review dialog. `flag` is the draft the changes produced (names
 * of rules and variations are read from it); `variationsOf` names the variations of prerequisites.
 *
 * @example
 * describeChange(draft, 'production', { kind: 'turnFlagOn' }); // 'Turn the flag on in production'
 */
export function describeChange(
  flag: Flag,
  env: string,
  change: Change,
  variationsOf: VariationsOf = () => undefined,
): string {
  switch (change.kind) {
    case 'updateName':
      return `Rename the flag to “${change.value}”`;
    case 'updateDescription':
      return 'Change the description';
    case 'addTags':
      return `Add tags ${change.values.join(', ')}`;
    case 'removeTags':
      return `Remove tags ${change.values.join(', ')}`;
    case 'updateMaintainer':
      return change.value ? `Set the maintainer to ${change.value}` : 'Clear the maintainer';
    case 'archiveFlag':
      return 'Archive the flag';
    case 'restoreFlag':
      return 'Restore the flag from the archive';
    case 'updateKind':
      return `Make it a ${change.value} flag`;
    case 'updateTemporary':
      return change.value ? 'Mark the flag temporary' : 'Mark the flag permanent';
    case 'updateClientSideAvailability':
      return change.value.usingEnvironmentId
        ? 'Make the flag available to client-side SDKs'
        : 'Hide the flag from client-side SDKs';
    case 'addVariation':
      return `Add variation ${formatValue(change.variation.value)}${change.variation.name ? ` (“${change.variation.name}”)` : ''}`;
    case 'updateVariation':
      return `Change variation ${change.index + 1} to ${formatValue(change.variation.value)}${change.variation.name ? ` (“${change.variation.name}”)` : ''}`;
    case 'removeVariation':
      return `Remove variation ${change.index + 1} (in every environment)`;
    case 'turnFlagOn':
      return `Turn the flag on in ${env}`;
    case 'turnFlagOff':
      return `Turn the flag off in ${env}`;
    case 'updateOffVariation':
      return `Serve ${variationLabel(flag, change.variation)} when the flag is off`;
    case 'updateFallthrough':
      return `Default rule serves ${describeServe(flag, change)}`;
    case 'addTargets':
      return `Target ${change.contextKind} ${change.values.join(', ')} with ${variationLabel(flag, change.variation)}`;
    case 'removeTargets':
      return `Stop targeting ${change.contextKind} ${change.values.join(', ')} with ${variationLabel(flag, change.variation)}`;
    case 'addRule':
      return `Add ${ruleName(flag, env, change.rule.id)}: if ${change.rule.clauses.map(clauseText).join(' and ') || 'every context'} serve ${describeServe(flag, change.rule)}`;
    case 'removeRule':
      return 'Remove a rule';
    case 'reorderRules':
      return 'Reorder the rules';
    case 'updateRuleClauses':
      return `Change the conditions of ${ruleName(flag, env, change.ruleId)}: ${change.clauses.map(clauseText).join(' and ') || 'every context'}`;
    case 'updateRuleVariationOrRollout':
      return `${ruleName(flag, env, change.ruleId)} serves ${describeServe(flag, change)}`;
    case 'updateRuleDescription':
      return `Rename ${ruleName(flag, env, change.ruleId)}`;
    case 'addPrerequisite':
      return `Add prerequisite: ${change.key} is ${prerequisiteLabel(variationsOf(change.key), change.variation)}`;
    case 'removePrerequisite':
      return `Drop prerequisite ${change.key}`;
  }
}

const FIELD_NAMES: Record<string, string> = {
  on: 'on/off',
  offVariation: 'off variation',
  fallthrough: 'default rule',
  targets: 'individual targets',
  contextTargets: 'individual targets',
  prerequisites: 'prerequisites',
};

/** `/environments/production/rules/0/clauses/1` → `production › rule 1 › clauses › 2`. */
export function readablePath(path: string): string {
  const parts = path.split('/').slice(1);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === 'environments') continue;
    if (part === 'rules' && parts[i + 1] !== undefined && /^\d+$/.test(parts[i + 1] as string)) {
      out.push(`rule ${Number(parts[i + 1]) + 1}`);
      i++;
    } else if (/^\d+$/.test(part)) out.push(String(Number(part) + 1));
    else out.push(FIELD_NAMES[part] ?? part);
  }
  return out.join(' › ');
}

/**
 * What differs between two versions of a flag, one line per JSON Patch operation, ignoring versions
 * and evaluation times.
 *
 * @example
 * describeDifference(before, after); // ['production › on/off: false → true']
 */
export function describeDifference(before: Flag, after: Flag): string[] {
  const strip = ({ lastEvaluated: _l, version: _v, ...rest }: Flag) => ({
    ...rest,
    environments: Object.fromEntries(
      Object.entries(rest.environments).map(([e, { version: _ev, ...config }]) => [e, config]),
    ),
  });
  return describeJsonDifference(strip(before), strip(after));
}

/**
 * What differs between two JSON documents (a flag, a segment), one line per JSON Patch operation,
 * with {@link readablePath} paths.
 *
 * @example
 * describeJsonDifference({ tags: ['qa'] }, { tags: ['qa', 'vip'] }); // ['tags › 2: added "vip"']
 */
export function describeJsonDifference(before: object, after: object): string[] {
  return jsonPatch.compare(before, after).map((op) => {
    const where = readablePath(op.path);
    if (op.op === 'remove') return `${where}: removed`;
    const previous = op.op === 'replace' ? jsonPatch.getValueByPointer(before, op.path) : undefined;
    const value = 'value' in op ? formatValue(op.value as Json) : '';
    return op.op === 'replace' ? `${where}: ${formatValue(previous)} → ${value}` : `${where}: added ${value}`;
  });
}
