import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { type NewFlagForm, newFlagBody } from '../model/new-flag.js';

/**
 * Creates a flag from the "New flag" form (in every environment, off); the flag lists refetch.
 * Resolves to the created flag.
 *
 * @example
 * const create = useCreateFlag('web');
 * const flag = await create.mutateAsync({ ...emptyNewFlag, name: 'Checkout', key: 'checkout' });
 */
export function useCreateFlag(project: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (form: NewFlagForm) =>
      unwrap(
        await api.POST('/api/v1/projects/{project}/flags', {
          params: { path: { project } },
          // openapi-fetch reads the strict variation schema as admitting no `name`; the body is the schema's.
          body: newFlagBody(form) as never,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.flagLists(project) }),
  });
}
