import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { ApiResponse } from '../../../lib/api-response.js';
import { projectKeys } from '../../../lib/query-keys.js';

export type Insights = ApiResponse<
  '/api/v1/projects/{project}/environments/{env}/flags/{flag}/insights',
  'get'
>;
export type Granularity = Insights['granularity'];

/** A time range: a preset ending now, or custom bounds. */
export type InsightsRange =
  | { readonly kind: 'hour' | 'day' | 'week' }
  | { readonly kind: 'custom'; readonly from: string; readonly to: string };

const HOUR = 3_600_000;
const presets = { hour: HOUR, day: 24 * HOUR, week: 7 * 24 * HOUR } as const;

/**
 * The API query for a range: minute buckets up to a day (the API's limit for minutes), hour buckets
 * beyond. Presets end at the next whole minute so the current minute's bucket is included.
 *
 * @example
 * insightsQuery({ kind: 'day' }, Date.now()); // { from, to, granularity: 'minute' }
 */
export function insightsQuery(range: InsightsRange, now: number) {
  const to = range.kind === 'custom' ? Date.parse(range.to) : Math.ceil((now + 1) / 60_000) * 60_000;
  const from = range.kind === 'custom' ? Date.parse(range.from) : to - presets[range.kind];
  const granularity: Granularity = to - from <= presets.day ? 'minute' : 'hour';
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), granularity };
}

export async function getInsights(
  api: ApiClient,
  at: { project: string; env: string; flag: string },
  range: InsightsRange,
) {
  return unwrap(
    await api.GET('/api/v1/projects/{project}/environments/{env}/flags/{flag}/insights', {
      params: { path: at, query: insightsQuery(range, Date.now()) },
    }),
  );
}

/**
 * Evaluation counts of a flag in an environment over `range`, refreshed every minute.
 *
 * @example
 * const { data } = useInsights({ project: 'web', env: 'production', flag: 'new-checkout' }, { kind: 'hour' });
 */
export function useInsights(at: { project: string; env: string; flag: string }, range: InsightsRange) {
  const api = useApi();
  return useQuery({
    queryKey: projectKeys.insights(at.project, at.env, at.flag, range),
    queryFn: () => getInsights(api, at, range),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
