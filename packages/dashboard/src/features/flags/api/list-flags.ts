import { type InfiniteData, type QueryClient, useInfiniteQuery } from '@tanstack/react-query';
import { type ApiClient, ApiError, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { flagQuery, statesOf } from './get-flag.js';

export type FlagListPage = Awaited<ReturnType<typeof listFlags>>;
export type FlagListItem = FlagListPage['items'][number];

export interface FlagFilters {
  /** Matches key, name and description, case-insensitively. */
  readonly q?: string | undefined;
  readonly tag?: string | undefined;
  /** `active` (default), `archived` or `all`. */
  readonly archived?: 'active' | 'archived' | 'all' | undefined;
}

/** Big enough that one request fills a screen many times; small enough to answer fast. */
export const FLAG_PAGE_SIZE = 100;

export async function listFlags(
  api: ApiClient,
  project: string,
  filters: FlagFilters,
  cursor: string | undefined,
) {
  const archived = filters.archived ?? 'active';
  return unwrap(
    await api.GET('/api/v1/projects/{project}/flags', {
      params: {
        path: { project },
        query: {
          limit: FLAG_PAGE_SIZE,
          cursor,
          q: filters.q || undefined,
          tag: filters.tag || undefined,
          archived: archived === 'all' ? undefined : archived === 'archived' ? 'true' : 'false',
        },
      },
    }),
  );
}

/**
 * The project's flags matching `filters`, a page at a time through the API's cursor; the list asks
 * for the next page as the user scrolls towards the end of what it has.
 *
 * @example
 * const { data, fetchNextPage, hasNextPage } = useFlagList('web', { q: 'checkout' });
 * const flags = data?.pages.flatMap((p) => p.items) ?? [];
 */
export function useFlagList(project: string, filters: FlagFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: projectKeys.flagList(project, filters),
    queryFn: ({ pageParam }) => listFlags(api, project, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.cursor,
    // Changes arrive through live updates; this only bounds how old lastEvaluated may get.
    staleTime: 30_000,
  });
}

/**
 * Applies `update` to flag `key` wherever a cached list holds it, so a confirmed change shows at once
 * without refetching every page.
 *
 * @example
 * updateListedFlag(queryClient, 'web', 'checkout', (f) => ({ ...f, archived: true }));
 */
export function updateListedFlag(
  queryClient: QueryClient,
  project: string,
  key: string,
  update: (flag: FlagListItem) => FlagListItem,
): void {
  queryClient.setQueriesData<InfiniteData<FlagListPage>>(
    { queryKey: projectKeys.flagLists(project) },
    (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) =>
              page.items.some((f) => f.key === key)
                ? { ...page, items: page.items.map((f) => (f.key === key ? update(f) : f)) }
                : page,
            ),
          }
        : data,
  );
}

/**
 * Re-reads one flag and puts its current state into the cached lists: cheaper than refetching every
 * loaded page when one flag changed. A flag that no longer exists makes the lists refetch.
 *
 * @example
 * await refreshListedFlag(api, queryClient, 'web', 'checkout');
 */
export async function refreshListedFlag(
  api: ApiClient,
  queryClient: QueryClient,
  project: string,
  key: string,
): Promise<void> {
  try {
    // Through the flag's own query: the flag page and the segments page's "Used by" share the read.
    const flag = await queryClient.fetchQuery(flagQuery(api, project, key));
    const { name, description, tags, archived, kind, temporary, maintainer, version, lastEvaluated } = flag;
    updateListedFlag(queryClient, project, key, (item) => ({
      ...item,
      ...{ name, description, tags, archived, kind, temporary, maintainer, version, lastEvaluated },
      environments: statesOf(flag.environments),
    }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      await queryClient.invalidateQueries({ queryKey: projectKeys.flagLists(project) });
    else throw error;
  }
}
