import { jsonEqual } from '@switchboard/core';
import { ValidationError } from '../errors.js';
import type { PatchRequest } from './patch-request.js';
import type { FlagResource } from './schemas.js';

/** The part of a flag a PATCH addresses, and the version it is conditional on. */
export interface FlagScope {
  /** Narrows the document to one environment; `If-Match` then refers to that environment's version. */
  readonly env?: string | undefined;
  readonly ifMatch?: number | undefined;
}

const versionPointer = (env: string | undefined) =>
  env === undefined ? '/version' : `/environments/${env}/version`;

/** Whether the JSON Patch holds a `test` of that version (a failed one has already answered 409). */
const tested = (request: PatchRequest, env: string | undefined): boolean =>
  request.kind === 'patch' &&
  request.patch.some((operation) => operation.op === 'test' && operation.path === versionPointer(env));

const partName = (env: string | undefined) =>
  env === undefined ? "the flag's project-level fields" : `${env}'s settings`;

/** The flag's parts whose version the edit must be guarded by: `undefined` is the project-level fields. */
function changedParts(before: FlagResource, after: FlagResource): (string | undefined)[] {
  const { environments: beforeEnvs, ...beforeFields } = before;
  const { environments: afterEnvs, ...afterFields } = after;
  const envs = Object.keys(afterEnvs).filter((env) => !jsonEqual(beforeEnvs[env], afterEnvs[env]));
  return jsonEqual(beforeFields, afterFields) ? envs : [undefined, ...envs];
}

/**
 * `If-Match` names one version: the project-level fields', or with `?env=` that environment's. An
 * edit that also changes a part the version does not cover would overwrite a concurrent change to it
 * unnoticed, so it must guard that part with a JSON Patch `test` of its version (or be sent apart,
 * with that part's version as `If-Match`).
 * Without `If-Match` the caller asked for no guard, and nothing is required.
 *
 * @example
 * assertGuarded(before, after, request, { ifMatch: 3 }); // throws if `after` changes production's rules untested
 */
export function assertGuarded(
  before: FlagResource,
  after: FlagResource,
  request: PatchRequest,
  scope: FlagScope,
): void {
  if (scope.ifMatch === undefined) return;
  for (const part of changedParts(before, after)) {
    if (part === scope.env || tested(request, part)) continue;
    const version = part === undefined ? before.version : before.environments[part]?.version;
    throw new ValidationError(
      `If-Match: ${scope.ifMatch} is the version of ${partName(scope.env)}; to change ${partName(part)} ` +
        `too, add {"op":"test","path":"${versionPointer(part)}","value":${version}} to a JSON Patch`,
      'If-Match',
    );
  }
}
