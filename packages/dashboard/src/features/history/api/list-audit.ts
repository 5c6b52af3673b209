import { useInfiniteQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { ApiResponse } from '../../../lib/api-response.js';
import { projectKeys } from '../../../lib/query-keys.js';

export type AuditEntry = ApiResponse<'/api/v1/projects/{project}/audit', 'get'>['items'][number];

export interface AuditFilter {
  readonly flag?: string;
  readonly env?: string;
}

export async function listAudit(api: ApiClient, project: string, filter: AuditFilter, cursor?: string) {
  return unwrap(
    await api.GET('/api/v1/projects/{project}/audit', {
      params: {
        path: { project },
        query: {
          limit: 25,
          cursor,
          ...(filter.flag ? { flag: filter.flag } : {}),
          ...(filter.env ? { env: filter.env } : {}),
        },
      },
    }),
  );
}

/**
 * The entries of the log's newest page that `isNewer` keeps: who changed something since an editor
 * opened it, and their comments.
 *
 * @example
 * const theirs = await changesSince(api, 'web', { flag: 'checkout' }, (e) => e.time > openedAt);
 */
export async function changesSince(
  api: ApiClient,
  project: string,
  filter: AuditFilter,
  isNewer: (entry: AuditEntry) => boolean,
): Promise<AuditEntry[]> {
  return (await listAudit(api, project, filter)).items.filter(isNewer);
}

/**
 * A project's audit log, newest first, one page of 25 at a time (`fetchNextPage` follows the cursor).
 *
 * @example
 * const audit = useAudit('web', { flag: 'new-checkout', env: 'production' });
 * const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
 */
export function useAudit(project: string, filter: AuditFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: projectKeys.auditLog(project, filter),
    queryFn: ({ pageParam }) => listAudit(api, project, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.cursor,
  });
}
