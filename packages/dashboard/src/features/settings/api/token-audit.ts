import { useInfiniteQuery } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { ApiResponse } from '../../../lib/api-response.js';
import { accountKeys } from '../../../lib/query-keys.js';

export type GlobalAuditEntry = ApiResponse<'/api/v1/audit', 'get'>['items'][number];

/**
 * The global audit log (API token creation, rotation, revocation; global admins only), newest first,
 * 25 at a time.
 *
 * @example
 * const audit = useTokenAudit();
 * const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
 */
export function useTokenAudit() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: accountKeys.tokenAudit,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/audit', { params: { query: { limit: 25, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.cursor,
  });
}
