import { useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

export async function listEnvironments(api: ApiClient, project: string) {
  const page = unwrap(
    await api.GET('/api/v1/projects/{project}/environments', { params: { path: { project } } }),
  );
  return page.items;
}

/**
 * A project's environments, for the environment switcher and per-environment columns.
 *
 * @example
 * const { data: environments = [] } = useEnvironments('web');
 */
export function useEnvironments(project: string) {
  const api = useApi();
  return useQuery({
    queryKey: projectKeys.environments(project),
    queryFn: () => listEnvironments(api, project),
  });
}
