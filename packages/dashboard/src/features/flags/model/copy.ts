import { differingCopyActions } from '@switchboard/core';
import type { components } from '../../../lib/api-schema.js';
import type { Flag } from './types.js';

type CopyBody = components['schemas']['CopyFlag'];
export type CopyAction = NonNullable<CopyBody['includedActions']>[number];

/** The parts a copy between environments carries, in the API's order, with their names on the page. */
export const copyParts: readonly { readonly action: CopyAction; readonly label: string }[] = [
  { action: 'updateOn', label: 'On/off' },
  { action: 'updatePrerequisites', label: 'Prerequisites' },
  { action: 'updateTargets', label: 'Targets' },
  { action: 'updateRules', label: 'Rules' },
  { action: 'updateFallthrough', label: 'Default rule' },
  { action: 'updateOffVariation', label: 'Off variation' },
];

/** The actions whose parts differ between the flag's configurations in `source` and `target`. */
export function differingActions(flag: Flag, source: string, target: string): CopyAction[] {
  const [from, to] = [flag.environments[source], flag.environments[target]];
  if (!from || !to) return [];
  return differingCopyActions(from, to);
}

/** The copy of the chosen parts, conditional on both environments' versions as the page shows them. */
export function copyRequestFor(
  flag: Flag,
  source: string,
  target: string,
  actions: readonly CopyAction[],
  comment: string,
): CopyBody {
  const end = (key: string) => ({ key, currentVersion: flag.environments[key]?.version });
  return {
    source: end(source),
    target: end(target),
    includedActions: copyParts.map((p) => p.action).filter((action) => actions.includes(action)),
    ...(comment.trim() ? { comment: comment.trim() } : {}),
  };
}
