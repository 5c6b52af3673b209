import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { refreshListedFlag } from '../features/flags/api/list-flags.js';
import { type ApiClient, isNotFound, unwrap } from '../lib/api-client.js';
import { useApi } from '../lib/api-context.js';
import { projectKeys } from '../lib/query-keys.js';

type AuditEntry = Awaited<ReturnType<typeof readAudit>>[number];

/** How often the open project is checked for changes made elsewhere; a change shows within this plus one read. */
export const LIVE_POLL_MS = 1_000;
/** The longest wait between polls while the API does not answer. */
export const MAX_LIVE_POLL_MS = 30_000;
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
 * The wait before the next poll: `intervalMs`, doubled for each poll in a row that failed (up to
 * {@link MAX_LIVE_POLL_MS}), so an API that is down is not asked every second by every open tab.
 */
export const pollDelay = (intervalMs: number, failures: number): number =>
  Math.min(intervalMs * 2 ** failures, MAX_LIVE_POLL_MS);

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
      // Any flag change may add or drop a segmentMatch: the segments page's "Used by" is worked out again.
      work.push(invalidate(projectKeys.allSegmentUsage(project)));
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
 * updates only the affected queries. While polls fail, they back off (see {@link pollDelay}); a 404
 * (no such project) stops them. The WebSocket API takes SDK credentials only, so it is not used.
 *
 * @example
 * useLiveUpdates(params.project);
 */
export function useLiveUpdates(project: string | undefined, intervalMs = LIVE_POLL_MS): void {
  const api = useApi();
  const queryClient = useQueryClient();
  // Polls in a row that failed (the query's fetchFailureCount starts again at every fetch).
  const failures = useRef(0);
  useQuery({
    queryKey: projectKeys.live(project ?? ''),
    enabled: project !== undefined,
    // A project that does not exist will not start to: its page says so, and polling stops.
    refetchInterval: (query) =>
      isNotFound(query.state.error) ? false : pollDelay(intervalMs, failures.current),
    refetchOnWindowFocus: (query) => !isNotFound(query.state.error),
    // The next poll is the retry, after the back-off.
    retry: false,
    staleTime: 0,
    queryFn: () =>
      poll(api, queryClient, project as string).then(
        (marker) => {
          failures.current = 0;
          return marker;
        },
        (error: unknown) => {
          failures.current += 1;
          throw error;
        },
      ),
  });
}

/** One poll: the newest audit entry's marker, after applying what changed since the last one. */
async function poll(api: ApiClient, queryClient: QueryClient, project: string): Promise<string> {
  const seen = queryClient.getQueryData<string>(projectKeys.live(project));
  const marker = markerOf((await readAudit(api, project, 1))[0]);
  if (seen === undefined || marker === seen) return marker;
  const recent = await readAudit(api, project, CATCH_UP);
  const fresh = recent.filter((e) => markerOf(e) > seen);
  // A full page of new entries may not be all of them: then everything may have changed.
  if (fresh.length === CATCH_UP) await invalidateBelow(queryClient, projectKeys.project(project));
  else await applyChanges(api, queryClient, project, fresh);
  return marker;
}
