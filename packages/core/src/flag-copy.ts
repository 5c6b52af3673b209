/**
 * Copying a flag's configuration from one environment to another, part by part (LaunchDarkly's
 * flag copy). The API performs the copy and the dashboard previews it, so both read the parts here.
 */
import { jsonEqual } from './json-equal.js';
import type { Flag } from './model.js';

/** The fields of a flag's configuration that each part of a copy carries, named as LaunchDarkly names the parts. */
export const copyActionFields = {
  updateOn: ['on'],
  updatePrerequisites: ['prerequisites'],
  updateTargets: ['targets', 'contextTargets'],
  updateRules: ['rules'],
  updateFallthrough: ['fallthrough'],
  updateOffVariation: ['offVariation'],
} as const satisfies Record<string, readonly (keyof Flag)[]>;

/** One part of a flag's configuration that a copy between environments may carry. */
export type CopyAction = keyof typeof copyActionFields;

/** Every part of a copy, in the API's order. */
export const copyActions = Object.keys(copyActionFields) as [CopyAction, ...CopyAction[]];

type CopiedField = (typeof copyActionFields)[CopyAction][number];

/** A flag's configuration in one environment, as far as a copy reads it. */
export type CopiedConfig = { readonly [F in CopiedField]?: unknown };

/**
 * The target's configuration with the parts `actions` name taken from the source. Everything else
 * (salt, event tracking, version) stays the target's: it belongs to the environment, not to what is
 * promoted.
 */
export function copiedConfig<T extends CopiedConfig>(
  source: T,
  target: T,
  actions: readonly CopyAction[],
): T {
  const copy: Record<string, unknown> = { ...target };
  for (const field of actions.flatMap((action) => copyActionFields[action])) {
    if (source[field] === undefined) delete copy[field];
    else copy[field] = source[field];
  }
  return copy as T;
}

/** The parts whose fields differ between two configurations: what a copy of every part would change. */
export function differingCopyActions(source: CopiedConfig, target: CopiedConfig): CopyAction[] {
  const differs = (field: CopiedField) => !jsonEqual(source[field] ?? null, target[field] ?? null);
  return copyActions.filter((action) => copyActionFields[action].some(differs));
}
