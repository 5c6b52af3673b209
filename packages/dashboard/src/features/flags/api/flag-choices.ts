import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import type { FlagListItem } from '../model/types.js';

export interface FlagChoicesQuery {
  /** Matches key or name (the API's search); empty for every flag. */
  readonly q?: string;
  readonly limit?: number;
  readonly archived?: 'true' | 'false';
}

/**
 * The first flags matching a query, for pickers (the prerequisite picker, the insights page's flag).
 *
 * @example
 * const { data: flags = [] } = useFlagChoices('web', { q: 'check', limit: 20 });
 */
export function useFlagChoices(project: string, { q, limit = 20, archived }: FlagChoicesQuery) {
  const api = useApi();
  const query = { limit, ...(q ? { q } : {}), ...(archived ? { archived } : {}) };
  return useQuery({
    queryKey: projectKeys.flagChoices(project, query),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/projects/{project}/flags', { params: { path: { project }, query } }))
        .items as unknown as FlagListItem[],
  });
}
