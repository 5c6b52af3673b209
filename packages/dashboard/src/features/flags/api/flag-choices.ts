import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { FlagListItem } from '../model/types.js';

/**
 * Flags whose key or name matches `q`, for the prerequisite picker (the API's search, 20 at a time).
 *
 * @example
 * const { data: flags = [] } = useFlagChoices('web', 'check');
 */
export function useFlagChoices(project: string, q: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['projects', project, 'flags', 'choices', q],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/projects/{project}/flags', {
          params: { path: { project }, query: { limit: 20, ...(q ? { q } : {}) } },
        }),
      ).items as unknown as FlagListItem[],
  });
}
