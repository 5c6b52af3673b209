import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { allPages } from '../../../lib/all-pages.js';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { ApiResponse } from '../../../lib/api-response.js';
import { projectKeys } from '../../../lib/query-keys.js';

export type EventSeries = ApiResponse<
  '/api/v1/projects/{project}/environments/{env}/events/{eventKey}',
  'get'
>;

/** A range exactly as the API takes it (the flag's insights answer carries one). */
export interface EventsRange {
  readonly from: string;
  readonly to: string;
  readonly granularity: EventSeries['granularity'];
}

interface At {
  readonly project: string;
  readonly env: string;
}

/**
 * The event keys tracked in the environment during `range`, sorted. Read in hour buckets whatever
 * the range's own granularity: a key needs one bucket to be listed, and hours make far fewer pages.
 */
export async function listEventKeys(api: ApiClient, at: At, range: EventsRange): Promise<string[]> {
  const items = await allPages(async (cursor) =>
    unwrap(
      await api.GET('/api/v1/projects/{project}/environments/{env}/events', {
        params: {
          path: at,
          query: { from: range.from, to: range.to, granularity: 'hour', limit: 200, cursor },
        },
      }),
    ),
  );
  return [...new Set(items.map((item) => item.key))].sort((a, b) => a.localeCompare(b));
}

export async function getEventSeries(api: ApiClient, at: At, key: string, range: EventsRange) {
  return unwrap(
    await api.GET('/api/v1/projects/{project}/environments/{env}/events/{eventKey}', {
      params: {
        path: { ...at, eventKey: key },
        query: { from: range.from, to: range.to, granularity: range.granularity },
      },
    }),
  );
}

/**
 * The event keys of an environment in a range, for a picker.
 *
 * @example
 * const keys = useEventKeys({ project: 'web', env: 'production' }, range).data ?? [];
 */
export function useEventKeys(at: At, range: EventsRange | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: projectKeys.events(at.project, at.env, { keys: range }),
    queryFn: () => listEventKeys(api, at, range as EventsRange),
    enabled: range !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Every series once all have loaded (else `undefined`), and the first error; stable while they are. */
const combineSeries = (
  results: readonly { data?: EventSeries | undefined; error: Error | null }[],
): { data: EventSeries[] | undefined; error: Error | null } => {
  const data = results.map((r) => r.data);
  return {
    data: data.every((d) => d !== undefined) ? (data as EventSeries[]) : undefined,
    error: results.find((r) => r.error)?.error ?? null,
  };
};

/**
 * One series per chosen key over `range`, in the order of `keys`.
 *
 * @example
 * const { data } = useEventSeries({ project: 'web', env: 'production' }, ['checkout'], range);
 */
export function useEventSeries(at: At, keys: readonly string[], range: EventsRange | undefined) {
  const api = useApi();
  return useQueries({
    queries: keys.map((key) => ({
      queryKey: projectKeys.events(at.project, at.env, { key, range }),
      queryFn: () => getEventSeries(api, at, key, range as EventsRange),
      enabled: range !== undefined,
      placeholderData: keepPreviousData,
    })),
    combine: combineSeries,
  });
}
