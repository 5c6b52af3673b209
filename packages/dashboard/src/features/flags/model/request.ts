import jsonPatch, { type Operation } from 'fast-json-patch';
import { type Change, isInstruction, isProjectChange } from './changes.js';
import type { Flag } from './types.js';

/** One PATCH of a flag: where it goes, the version it is conditional on, and its body. */
export interface FlagPatchRequest {
  /** `?env=`: the request is narrowed to this environment, and `If-Match` is its version. */
  readonly env?: string;
  readonly ifMatch: number;
  readonly body:
    | { comment?: string; instructions: Record<string, unknown>[] }
    | { comment?: string; patch: Operation[] };
}

/** The fields a PATCH may touch; `lastEvaluated` is read-only information, not part of the document. */
function editable(flag: Flag, env?: string): Omit<Flag, 'lastEvaluated'> {
  const { lastEvaluated: _ignored, ...rest } = flag;
  if (env === undefined) return rest;
  const only = flag.environments[env];
  return { ...rest, environments: only ? { [env]: only } : {} };
}

/**
 * The JSON Patch from `base` to `draft`, plus `test` operations on the version of every environment
 * it changes, so a change made meanwhile is a 409 rather than overwritten.
 */
export function jsonPatchBetween(base: Flag, draft: Flag, env?: string): Operation[] {
  const ops = jsonPatch.compare(editable(base, env), editable(draft, env));
  const tests: Operation[] = Object.keys(draft.environments)
    .filter((e) => env === undefined && ops.some((op) => op.path.startsWith(`/environments/${e}/`)))
    .map((e) => ({
      op: 'test',
      path: `/environments/${e}/version`,
      value: base.environments[e]?.version,
    }));
  return [...tests, ...ops];
}

/** The environments whose configuration differs between the two documents. */
export function changedEnvironments(base: Flag, draft: Flag): string[] {
  return Object.keys(draft.environments).filter(
    (e) => jsonPatch.compare(base.environments[e] ?? {}, draft.environments[e] ?? {}).length > 0,
  );
}

function projectFieldsChanged(base: Flag, draft: Flag): boolean {
  const { environments: _a, lastEvaluated: _b, ...before } = base;
  const { environments: _c, lastEvaluated: _d, ...after } = draft;
  return jsonPatch.compare(before, after).length > 0;
}

/** The instruction as the API reads it: kind plus arguments, nothing of the dashboard's own. */
function toInstruction(change: Change): Record<string, unknown> {
  return { ...change };
}

/**
 * The request that saves a draft. Semantic-patch instructions when every change is one, narrowed to
 * the environment when only it changed (`If-Match` its version) or to the project fields when only
 * they changed (`If-Match` the flag's version); otherwise a JSON Patch computed from the two documents,
 * whose `test` operations guard the environments it changes.
 *
 * @example
 * const request = patchRequestFor(base, draft, 'production', log, 'Roll out to 10%');
 * await api.PATCH('/api/v1/projects/{project}/flags/{flag}', {
 *   params: { path, query: { env: request.env } },
 *   headers: { 'If-Match': String(request.ifMatch) },
 *   body: request.body,
 * });
 */
export function patchRequestFor(
  base: Flag,
  draft: Flag,
  env: string,
  log: readonly Change[],
  comment: string,
): FlagPatchRequest {
  const withComment = comment.trim() ? { comment: comment.trim() } : {};
  const envs = changedEnvironments(base, draft);
  const projectChanged = projectFieldsChanged(base, draft);
  const onlyThisEnv = !projectChanged && envs.every((e) => e === env);
  const envVersion = base.environments[env]?.version ?? 0;
  const instructions = log.every(isInstruction);
  if (instructions && onlyThisEnv && !log.some(isProjectChange)) {
    return { env, ifMatch: envVersion, body: { ...withComment, instructions: log.map(toInstruction) } };
  }
  if (instructions && envs.length === 0 && log.every(isProjectChange)) {
    return { ifMatch: base.version, body: { ...withComment, instructions: log.map(toInstruction) } };
  }
  if (onlyThisEnv)
    return { env, ifMatch: envVersion, body: { ...withComment, patch: jsonPatchBetween(base, draft, env) } };
  return { ifMatch: base.version, body: { ...withComment, patch: jsonPatchBetween(base, draft) } };
}
