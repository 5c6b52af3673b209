import { useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { Flag } from '../model/types.js';

/** Under `['projects', p, 'flags']`, so anything that invalidates a project's flags refreshes the page. */
export const flagDetailQueryKey = (project: string, flag: string) =>
  ['projects', project, 'flags', 'detail', flag] as const;

/** The whole flag, every environment: a draft's base, so a variation change can renumber them all. */
export async function getFlagDetail(api: ApiClient, project: string, flag: string): Promise<Flag> {
  // openapi-fetch widens the recursive JSON `value` of variations; the document's type is exact.
  return unwrap(
    await api.GET('/api/v1/projects/{project}/flags/{flag}', { params: { path: { project, flag } } }),
  ) as unknown as Flag;
}

/**
 * The flag the page edits.
 *
 * @example
 * const { data: flag } = useFlagDetail('web', 'checkout');
 */
export function useFlagDetail(project: string, flag: string) {
  const api = useApi();
  return useQuery({
    queryKey: flagDetailQueryKey(project, flag),
    queryFn: () => getFlagDetail(api, project, flag),
  });
}
