import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { getFlag } from '../../flags/api/get-flag.js';
import { sameJson } from '../json-diff.js';
import type { AuditEntry } from './list-audit.js';

/** The per-environment fields of a flag that make up its targeting; `salt` and `version` stay as they are. */
export const targetingFields = [
  'on',
  'offVariation',
  'targets',
  'contextTargets',
  'rules',
  'fallthrough',
  'prerequisites',
  'trackEvents',
  'trackEventsFallthrough',
] as const;

export type PatchOperation =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

type JsonObject = Readonly<Record<string, unknown>>;

/**
 * The JSON Patch that puts `target`'s targeting back on an environment whose targeting is `current`:
 * one operation per field that differs, none when they are equal.
 *
 * @example
 * restorePatch('production', { on: true, rules: [] }, { on: false, rules: [] });
 * // [{ op: 'replace', path: '/environments/production/on', value: false }]
 */
export function restorePatch(env: string, current: JsonObject, target: JsonObject): PatchOperation[] {
  const base = `/environments/${env.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const patch: PatchOperation[] = [];
  for (const field of targetingFields) {
    const path = `${base}/${field}`;
    if (sameJson(current[field], target[field])) continue;
    if (target[field] === undefined) patch.push({ op: 'remove', path });
    else patch.push({ op: field in current ? 'replace' : 'add', path, value: target[field] });
  }
  return patch;
}

/** The flag version an audit entry's `after` holds, when the entry is one environment's flag change. */
export function restorableVersion(entry: AuditEntry): number | undefined {
  if (entry.resource !== 'flag' || !entry.env || entry.action === 'delete') return undefined;
  const after = entry.after as { version?: unknown } | undefined;
  return typeof after?.version === 'number' ? after.version : undefined;
}

export interface RestoreRequest {
  readonly project: string;
  readonly entry: AuditEntry;
}

/**
 * Reads the flag's current targeting in the entry's environment and sends the patch that restores the
 * entry's version, with `If-Match` on the version just read: a change made in between makes it a 409
 * instead of being overwritten.
 *
 * @example
 * await restoreFlagVersion(api, { project: 'web', entry });
 */
export async function restoreFlagVersion(api: ApiClient, { project, entry }: RestoreRequest) {
  const env = entry.env as string;
  const version = restorableVersion(entry);
  const path = { project, flag: entry.key };
  const flag = await getFlag(api, project, entry.key, env);
  const current = flag.environments[env];
  if (!current) throw new Error(`The flag has no ${env} environment any more`);
  const patch = restorePatch(env, current, entry.after as JsonObject);
  if (patch.length === 0) throw new Error(`The targeting in ${env} already matches version ${version}`);
  return unwrap(
    await api.PATCH('/api/v1/projects/{project}/flags/{flag}', {
      params: { path, query: { env } },
      headers: { 'If-Match': `"${current.version}"` },
      body: { comment: `Restore to version ${version}`, patch: patch as never },
    }),
  );
}

/**
 * Restores a flag's earlier targeting from an audit entry; refreshes the audit log and the flag.
 *
 * @example
 * const restore = useRestoreFlagVersion('web');
 * restore.mutateAsync(entry);
 */
export function useRestoreFlagVersion(project: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entry: AuditEntry) => restoreFlagVersion(api, { project, entry }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.project(project) }),
  });
}
