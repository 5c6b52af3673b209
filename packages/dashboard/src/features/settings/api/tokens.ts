import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages } from '../../../lib/all-pages.js';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { accountKeys } from '../../../lib/query-keys.js';
import type { Role } from '../../auth/use-can.js';

/**
 * Every API token (admin only), following the cursor, with create and revoke mutations. Create
 * resolves to the token with its secret, which the API returns only then.
 *
 * @example
 * const { list, create, revoke } = useTokens();
 * const { token } = await create.mutateAsync({ name: 'CI', role: 'writer' });
 */
export function useTokens() {
  const api = useApi();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
  const list = useQuery({
    queryKey: accountKeys.tokens,
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(await api.GET('/api/v1/tokens', { params: { query: { limit: 200, cursor } } })),
      ),
  });
  const create = useMutation({
    mutationFn: async (body: { name: string; role: Role }) =>
      unwrap(await api.POST('/api/v1/tokens', { body })),
    onSuccess,
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/tokens/{token}', { params: { path: { token: id } } })),
    onSuccess,
  });
  return { list, create, revoke };
}
