import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshListedFlag } from '../features/flags/api/list-flags.js';
import { type ApiClient, unwrap } from '../lib/api-client.js';
import { useApi } from '../lib/api-context.js';
import { projectKeys } from '../lib/query-keys.js';

type AuditEntry = Awaited<ReturnType<typeof readAudit>>[number];

/** How often the open project is checked for changes made elsewhere; a change shows within this plus one read. */
export const LIVE_POLL_MS = 1_000;
/** Changes read per poll; more than this since the last poll refetches everything instead. */
const CATCH_UP = 50;
/** Above this many changed flags, refetching the lists is cheaper than one read per flag. */
const MAX_FLAG_READS = 20;

/** Invalidates `queryKey` and below, except the live poll itself (which is running while this does). */
const invalidateBelow = (queryClient: QueryClient, queryKey: readonly unknown[]) =>
  queryClient.invalidateQueries({ queryKey, predicate: (query) => query.queryKey[2] !== 'live' });

const markerOf = (entry: AuditEntry | undefined) => (entry ? `${entry.time}#${entry.id}` : '');

async function readAudit(api: ApiClient, project: string, limit: number) {
  return unwrap(
    await api.GET('/api/v1/projects/{project}/audit', {
      params: { path: { project }, query: { limit } },
    }),
  ).items;
}

/**
 * Brings the cache up to date with audit entries newer than the last poll: changed flags are re-read
 * one by one into the lists, anything else invalidates the queries it affects.
 */
export async function applyChanges(
  api: ApiClient,
  queryClient: QueryClient,
  project: string,
  entries: readonly AuditEntry[],
): Promise<void> {
  const invalidate = (queryKey: readonly unknown[]) => invalidateBelow(queryClient, queryKey);
  const updatedFlags = new Set<string>();
  const work: Promise<unknown>[] = [invalidate(projectKeys.audit(project))];
  for (const entry of entries) {
    if (entry.resource === 'flag') {
      work.push(invalidate(projectKeys.flag(project, entry.key)));
      if (entry.action === 'update') updatedFlags.add(entry.key);
      else work.push(invalidate(projectKeys.flagLists(project)));
    } else if (entry.resource === 'segment') {
      work.push(invalidate(projectKeys.allSegments(project)));
    } else if (entry.resource === 'environment') {
      work.push(invalidate(projectKeys.environments(project)), invalidate(projectKeys.flagLists(project)));
    } else {
      work.push(invalidate(projectKeys.all));
    }
  }
  if (updatedFlags.size > MAX_FLAG_READS) work.push(invalidate(projectKeys.flagLists(project)));
  else for (const key of updatedFlags) work.push(refreshListedFlag(api, queryClient, project, key));
  await Promise.all(work);
}

/**
 * Shows changes made elsewhere (another tab, the API, a script) without a reload: polls the project's
 * newest audit entry every second (a one-item read) and, when it moved, reads what changed and
 * updates only the affected queries. The WebSocket API takes SDK credentials only, so it is not used.
 *
 * @example
 * useLiveUpdates(params.project);
 */
export function useLiveUpdates(project: string | undefined, intervalMs = LIVE_POLL_MS): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useQuery({
    queryKey: projectKeys.live(project ?? ''),
    enabled: project !== undefined,
    refetchInterval: intervalMs,
    staleTime: 0,
    queryFn: async () => {
      const p = project as string;
      const seen = queryClient.getQueryData<string>(projectKeys.live(p));
      const marker = markerOf((await readAudit(api, p, 1))[0]);
      if (seen === undefined || marker === seen) return marker;
      const recent = await readAudit(api, p, CATCH_UP);
      const fresh = recent.filter((e) => markerOf(e) > seen);
      // A full page of new entries may not be all of them: then everything may have changed.
      if (fresh.length === CATCH_UP) await invalidateBelow(queryClient, projectKeys.project(p));
      else await applyChanges(api, queryClient, p, fresh);
      return marker;
    },
  });
}
