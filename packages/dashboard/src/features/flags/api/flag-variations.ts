import { type InfiniteData, type QueryClient, useQueries, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import type { Flag, FlagListItem } from '../model/types.js';
import { flagQuery } from './get-flag.js';
import type { FlagListPage } from './list-flags.js';

type Variations = Flag['variations'];

/** Flag `key`'s variations from any query that already holds it: the flag's own, a list, a picker. */
function cachedVariations(queryClient: QueryClient, project: string, key: string): Variations | undefined {
  const own = queryClient.getQueryData<Flag>(projectKeys.flag(project, key));
  if (own) return own.variations;
  const listed = [
    ...queryClient
      .getQueriesData<InfiniteData<FlagListPage>>({ queryKey: projectKeys.flagLists(project) })
      .flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? []),
    ...queryClient
      .getQueriesData<FlagListItem[]>({ queryKey: projectKeys.allFlagChoices(project) })
      .flatMap(([, data]) => data ?? []),
  ];
  // openapi-fetch widens the recursive JSON `value` of variations; the document's type is exact.
  return listed.find((flag) => flag.key === key)?.variations as Variations | undefined;
}

/**
 * Looks up the variations of other flags of the project (prerequisites) by key: from the flags the
 * app has already loaded, else by fetching each flag in `keys` that none of them holds. `undefined`
 * while a flag is unknown (loading, or deleted).
 *
 * @example
 * const variationsOf = useFlagVariations('web', ['checkout-v2']);
 * variationsOf('checkout-v2')?.[0]?.value;
 */
export function useFlagVariations(project: string, keys: readonly string[]) {
  const api = useApi();
  const queryClient = useQueryClient();
  const variationsOf = (key: string) => cachedVariations(queryClient, project, key);
  // Each fetched flag lands under its own key, where the next render finds it.
  useQueries({
    queries: keys.filter((key) => !variationsOf(key)).map((key) => flagQuery(api, project, key)),
  });
  return variationsOf;
}
