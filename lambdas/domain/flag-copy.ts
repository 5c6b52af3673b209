import { ValidationError } from '../errors.js';
import type { FlagEnvironment } from './schemas.js';

/** What each part of a flag's configuration a copy between environments may carry, named as LaunchDarkly names them, consists of. */
const fieldsOf = {
  updateOn: ['on'],
  updatePrerequisites: ['prerequisites'],
  updateTargets: ['targets', 'contextTargets'],
  updateRules: ['rules'],
  updateFallthrough: ['fallthrough'],
  updateOffVariation: ['offVariation'],
} as const satisfies Record<string, readonly (keyof FlagEnvironment)[]>;
export type CopyAction = keyof typeof fieldsOf;
export const copyActions = Object.keys(fieldsOf) as [CopyAction, ...CopyAction[]];

export interface CopyRequest {
  readonly source: { readonly key: string };
  readonly target: { readonly key: string };
  readonly includedActions?: readonly CopyAction[] | undefined;
  readonly excludedActions?: readonly CopyAction[] | undefined;
}

/** The actions a copy performs: those included, all but those excluded, or all; a 400 for a request that cannot be one. */
export function copiedActions(request: CopyRequest): readonly CopyAction[] {
  const { includedActions: included, excludedActions: excluded } = request;
  if (request.source.key === request.target.key)
    throw new ValidationError('target.key: must differ from source.key', 'target.key');
  if (included && excluded)
    throw new ValidationError('excludedActions: not with includedActions', 'excludedActions');
  if (included) return included;
  return copyActions.filter((action) => !excluded?.includes(action));
}

/**
 * The target's configuration with the parts `actions` name taken from the source. Salt, event
 * tracking and version stay the target's: they belong to the environment, not to what is promoted.
 */
export function copiedConfig(
  source: FlagEnvironment,
  target: FlagEnvironment,
  actions: readonly CopyAction[],
): FlagEnvironment {
  const copy: Record<string, unknown> = { ...target };
  for (const field of actions.flatMap((action) => fieldsOf[action])) {
    if (source[field] === undefined) delete copy[field];
    else copy[field] = source[field];
  }
  return copy as FlagEnvironment;
}
