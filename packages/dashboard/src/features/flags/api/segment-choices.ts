import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

/**
 * The environment's segments, for the `segmentMatch` picker (first 200; the picker lists keys by name).
 *
 * @example
 * const { data: segments = [] } = useSegmentChoices('web', 'production');
 */
export function useSegmentChoices(project: string, env: string) {
  const api = useApi();
  return useQuery({
    queryKey: projectKeys.segmentChoices(project, env),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/projects/{project}/environments/{env}/segments', {
          params: { path: { project, env }, query: { limit: 200 } },
        }),
      ).items,
  });
}
