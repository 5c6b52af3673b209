import { useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { accountKeys } from '../../../lib/query-keys.js';

export type Me = Awaited<ReturnType<typeof getMe>>;

export async function getMe(api: ApiClient) {
  return unwrap(await api.GET('/api/v1/me'));
}

/**
 * The signed-in token's id, name and role.
 *
 * @example
 * const { data: me } = useMe();
 * me?.role; // 'reader' | 'writer' | 'admin'
 */
export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: accountKeys.me, queryFn: () => getMe(api), staleTime: 60_000 });
}
