import { useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

/** Every project, following the API's cursor (projects are few; the switcher lists them all). */
export async function listProjects(api: ApiClient) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/projects', { params: { query: { limit: 100, cursor } } }));
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/**
 * The projects for the project switcher.
 *
 * @example
 * const { data: projects = [] } = useProjects();
 */
export function useProjects() {
  const api = useApi();
  return useQuery({ queryKey: projectKeys.all, queryFn: () => listProjects(api) });
}
