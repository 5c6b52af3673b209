import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages } from '../../../lib/all-pages.js';
import { type paths, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { accountKeys } from '../../../lib/query-keys.js';

/** What creating a token takes: a name, a global `role` or per-project `projects`, an optional expiry. */
export type NewToken = paths['/api/v1/tokens']['post']['requestBody']['content']['application/json'];

/**
 * Every API token (admin only), following the cursor, with create, rotate and revoke mutations.
 * Create and rotate resolve to the token with its secret, which the API returns only then.
 *
 * @example
 * const { list, create, rotate, revoke } = useTokens();
 * const { token } = await create.mutateAsync({ name: 'CI', projects: { web: 'writer' }, expiresInDays: 90 });
 * const { token: next } = await rotate.mutateAsync({ id: 'tok1', expiryHours: 1 });
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
    mutationFn: async (body: NewToken) => unwrap(await api.POST('/api/v1/tokens', { body })),
    onSuccess,
  });
  const rotate = useMutation({
    mutationFn: async ({ id, expiryHours }: { id: string; expiryHours: number }) =>
      unwrap(
        await api.POST('/api/v1/tokens/{token}/rotate', {
          params: { path: { token: id } },
          body: { expiryHours },
        }),
      ),
    onSuccess,
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/tokens/{token}', { params: { path: { token: id } } })),
    onSuccess,
  });
  return { list, create, rotate, revoke };
}
