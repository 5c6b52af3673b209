import { jsonEqual, repeatedValues } from '@switchboard/core';
import { clauseErrors } from '../../../components/clauses/clause-model.js';
import { rolloutError } from './rollout.js';
import { variationLabel } from './summary.js';
import { targetLists } from './targets.js';
import type { Flag, FlagEnvironment, Serve } from './types.js';

/** Where a problem is shown: a section of the page, and the rule it concerns. */
export interface Problem {
  readonly section: 'settings' | 'variations' | 'targets' | 'rules' | 'fallthrough' | 'prerequisites' | 'off';
  readonly ruleId?: string;
  /** The variation it concerns, by index. */
  readonly variation?: number;
  readonly message: string;
}

function serveProblems(flag: Flag, serve: Serve): string[] {
  if (serve.rollout) {
    const error = rolloutError(serve.rollout);
    const missing = serve.rollout.variations.some((w) => w.variation >= flag.variations.length);
    return [
      ...(error ? [error] : []),
      ...(missing ? ['A rollout names a variation that does not exist.'] : []),
    ];
  }
  if (serve.variation === undefined) return ['Choose a variation or a rollout.'];
  return serve.variation < flag.variations.length ? [] : ['Choose a variation that exists.'];
}

/**
 * Values that repeat an earlier variation's, once the draft changes the values: a flag saved with
 * repeats still takes other changes, as the API allows.
 */
function repeatProblems(flag: Flag, saved: Flag): Problem[] {
  const values = (f: Flag) => f.variations.map((v) => v.value);
  if (jsonEqual(values(flag), values(saved))) return [];
  return repeatedValues(values(flag)).map(({ index, first }) => ({
    section: 'variations',
    variation: index,
    message: `Variation ${index + 1} has the same value as variation ${first + 1}; each serves a value of its own.`,
  }));
}

/** Keys targeted in two variations: the field refuses them, but a draft re-applied onto another's change can hold them. */
function targetProblems(flag: Flag, config: FlagEnvironment): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  for (const { contextKind, variation, values } of targetLists(config))
    for (const key of values) {
      const at = first.get(`${contextKind}/${key}`);
      if (at === undefined) first.set(`${contextKind}/${key}`, variation);
      else if (at !== variation)
        problems.push({
          section: 'targets',
          message: `The ${contextKind} key ${key} is targeted in ${variationLabel(flag, at)} and in ${variationLabel(flag, variation)}: a key can be targeted in one variation only.`,
        });
    }
  return problems;
}

/**
 * What keeps a draft of `saved` from being saved, checked in the browser before the API sees it (the
 * API checks again and its answer is shown at the same places).
 *
 * @example
 * draftProblems(draft, saved, 'production'); // [{ section: 'rules', ruleId: 'r1', message: 'Percentages must add up to 100% (now 90%).' }]
 */
export function draftProblems(flag: Flag, saved: Flag, env: string): Problem[] {
  const problems: Problem[] = [];
  if (!flag.name.trim()) problems.push({ section: 'settings', message: 'The name cannot be empty.' });
  problems.push(...repeatProblems(flag, saved));
  const config = flag.environments[env];
  if (!config) return problems;
  problems.push(...targetProblems(flag, config));
  for (const rule of config.rules) {
    for (const clause of rule.clauses)
      for (const message of clauseErrors(clause))
        problems.push({ section: 'rules', ruleId: rule.id, message });
    for (const message of serveProblems(flag, rule))
      problems.push({ section: 'rules', ruleId: rule.id, message });
  }
  for (const message of serveProblems(flag, config.fallthrough))
    problems.push({ section: 'fallthrough', message });
  for (const p of config.prerequisites)
    if (!p.key) problems.push({ section: 'prerequisites', message: 'Choose a prerequisite flag.' });
  return problems;
}

/**
 * Places an API validation error (`error.field`) on the page: `environments.production.rules[1]…`
 * or, for instructions, the change at `instructions[i]` (whose rule is known).
 */
export function problemAt(
  field: string | undefined,
  message: string,
  context: { draft: Flag; env: string; ruleIdOfInstruction: (i: number) => string | undefined },
): Problem {
  const f = field ?? '';
  const instruction = /^instructions\[(\d+)\]/.exec(f);
  const ruleIndex = /rules\[(\d+)\]/.exec(f);
  const ruleId = instruction
    ? context.ruleIdOfInstruction(Number(instruction[1]))
    : ruleIndex
      ? context.draft.environments[context.env]?.rules[Number(ruleIndex[1])]?.id
      : undefined;
  if (ruleId || /rule/i.test(f)) return { section: 'rules', ...(ruleId ? { ruleId } : {}), message };
  if (/fallthrough/.test(f)) return { section: 'fallthrough', message };
  if (/prerequisite/i.test(f)) return { section: 'prerequisites', message };
  if (/targets|Targets/.test(f)) return { section: 'targets', message };
  if (/offVariation/.test(f)) return { section: 'off', message };
  const variation = /^variations\[(\d+)\]/.exec(f);
  if (variation) return { section: 'variations', variation: Number(variation[1]), message };
  if (/variations/.test(f)) return { section: 'variations', message };
  return { section: 'settings', message };
}
