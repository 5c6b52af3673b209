import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import type { copyRequestFor } from '../model/copy.js';
import type { Flag } from '../model/types.js';

/**
 * Copies one environment's settings of a flag into another (`POST …/flags/{flag}/copy`). The
 * answer is the whole flag as the copy left it: it replaces the cached flag at once, and every flag
 * list refreshes. Errors (409 for a version moved on, 400 naming the field) are left to the caller.
 *
 * @example
 * const copy = useCopyFlag('web', 'checkout');
 * copy.mutate(copyRequestFor(flag, 'staging', 'production', ['updateRules'], 'tested'));
 */
export function useCopyFlag(project: string, flag: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReturnType<typeof copyRequestFor>) =>
      unwrap(
        await api.POST('/api/v1/projects/{project}/flags/{flag}/copy', {
          params: { path: { project, flag } },
          body,
        }),
      ) as Flag,
    onSuccess: (copied) => {
      queryClient.setQueryData(projectKeys.flag(project, flag), copied);
      return queryClient.invalidateQueries({ queryKey: projectKeys.flags(project) });
    },
  });
}
