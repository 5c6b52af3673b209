import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

/** The project list alone (its exact key): everything else under `projects` belongs to one project. */
const projectList = { queryKey: projectKeys.all, exact: true } as const;

/**
 * Rename and delete mutations for a project, each conditional on the version listed (`If-Match`).
 * Both refresh the project list, which the switcher and the landing page read; the deleted
 * project's own queries are left to the caller, which drops them once its page has gone (refetching
 * them now would be 404s).
 *
 * @example
 * const { rename, remove } = useProjectMutations('web');
 * await rename.mutateAsync({ version: 4, name: 'Web shop' });
 */
export function useProjectMutations(project: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries(projectList);
  const path = { project };
  const rename = useMutation({
    mutationFn: async ({ version, name }: { version: number; name: string }) =>
      unwrap(
        await api.PATCH('/api/v1/projects/{project}', {
          params: { path },
          headers: { 'If-Match': String(version) },
          body: { instructions: [{ kind: 'updateName', value: name }] },
        }),
      ),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: async ({ version }: { version: number }) =>
      unwrap(
        await api.DELETE('/api/v1/projects/{project}', {
          params: { path },
          headers: { 'If-Match': String(version) },
        }),
      ),
    onSuccess,
  });
  return { rename, remove };
}
