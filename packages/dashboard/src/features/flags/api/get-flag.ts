import { queryOptions, useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import type { Flag, FlagEnvironment } from '../model/types.js';

/**
 * One flag with its configuration in every environment (or in `env` only).
 *
 * @example
 * const flag = await getFlag(api, 'web', 'checkout');
 * flag.environments.production?.on;
 */
export async function getFlag(api: ApiClient, project: string, flag: string, env?: string): Promise<Flag> {
  // openapi-fetch widens the recursive JSON `value` of variations; the document's type is exact.
  return unwrap(
    await api.GET('/api/v1/projects/{project}/flags/{flag}', {
      params: { path: { project, flag }, query: { env } },
    }),
  ) as unknown as Flag;
}

/**
 * The query of the whole flag, every environment, cached under `projectKeys.flag`: the flag page's
 * draft base, the names of the insights chart's series, the list's refresh of a changed flag, the
 * segments page's "Used by". Live updates, toggles and saves refresh it through that key.
 *
 * @example
 * const flag = await queryClient.fetchQuery(flagQuery(api, 'web', 'checkout'));
 */
export const flagQuery = (api: ApiClient, project: string, flag: string) =>
  queryOptions({
    queryKey: projectKeys.flag(project, flag),
    queryFn: () => getFlag(api, project, flag),
  });

/**
 * The whole flag, every environment (see {@link flagQuery}).
 *
 * @example
 * const { data: flag } = useFlag('web', 'checkout');
 */
export function useFlag(project: string, flag: string) {
  const api = useApi();
  return useQuery(flagQuery(api, project, flag));
}

/** The list's view of a flag's environments: on/off and the version the next `If-Match` needs. */
export const statesOf = (environments: Record<string, FlagEnvironment>) =>
  Object.fromEntries(Object.entries(environments).map(([env, c]) => [env, { on: c.on, version: c.version }]));
