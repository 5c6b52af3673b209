import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { statesOf } from './get-flag.js';
import { refreshListedFlag, updateListedFlag } from './list-flags.js';

export interface ToggleFlag {
  readonly project: string;
  readonly flag: string;
  readonly env: string;
  readonly on: boolean;
  /** The environment configuration's version the user saw; a newer one on the server is a 409. */
  readonly version: number;
}

/** Sends `turnFlagOn`/`turnFlagOff` for one environment, conditional on the version the user saw. */
export async function toggleFlag(api: ApiClient, { project, flag, env, on, version }: ToggleFlag) {
  return unwrap(
    await api.PATCH('/api/v1/projects/{project}/flags/{flag}', {
      params: { path: { project, flag }, query: { env } },
      headers: { 'If-Match': String(version) },
      body: { instructions: [{ kind: on ? 'turnFlagOn' : 'turnFlagOff' }] },
    }),
  );
}

/**
 * Turns a flag on or off in one environment. On success the lists show the state the API confirmed;
 * on any error (a 409 when someone changed the flag meanwhile) they refetch the flag's current state.
 *
 * @example
 * const toggle = useToggleFlag();
 * toggle.mutate({ project: 'web', flag: 'checkout', env: 'production', on: true, version: 3 });
 */
export function useToggleFlag() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ToggleFlag) => toggleFlag(api, input),
    onSuccess: (flag, { project }) => {
      updateListedFlag(queryClient, project, flag.key, (item) => ({
        ...item,
        environments: { ...item.environments, ...statesOf(flag.environments) },
      }));
      void queryClient.invalidateQueries({ queryKey: projectKeys.flag(project, flag.key) });
    },
    // The toggle's own error is what the page reports. When the flag cannot be re-read either (the
    // API is down), the list keeps the state it last confirmed, and a rejected refresh here would be
    // nobody's to handle.
    onError: (_error, { project, flag }) =>
      refreshListedFlag(api, queryClient, project, flag).catch(() => undefined),
  });
}
