import { type CopyAction, copyActions } from '@switchboard/core';
import { ValidationError } from '../errors.js';

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
