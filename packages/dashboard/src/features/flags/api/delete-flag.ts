import { hashKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

/**
 * Deletes a flag in every environment, conditional on its project-level `version` (`If-Match`), so a
 * flag someone restored or changed meanwhile is not deleted unseen. The API's 409 names a flag that
 * still has it as a prerequisite. On success everything derived from the project's flags refreshes
 * (lists, pickers, segment usage) except the flag itself: the page still showing it would refetch a
 * 404, so the caller drops that query once it has moved on.
 *
 * @example
 * const remove = useDeleteFlag('web');
 * await remove.mutateAsync({ flag: 'checkout', version: 4 });
 */
export function useDeleteFlag(project: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ flag, version }: { flag: string; version: number }) =>
      unwrap(
        await api.DELETE('/api/v1/projects/{project}/flags/{flag}', {
          params: { path: { project, flag } },
          headers: { 'If-Match': String(version) },
        }),
      ),
    onSuccess: (_, { flag }) => {
      const deleted = hashKey(projectKeys.flag(project, flag));
      return queryClient.invalidateQueries({
        queryKey: projectKeys.flags(project),
        predicate: (query) => query.queryHash !== deleted,
      });
    },
  });
}
