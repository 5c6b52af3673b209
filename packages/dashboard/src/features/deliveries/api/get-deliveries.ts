import { useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { ApiResponse } from '../../../lib/api-response.js';

export type Deliveries = ApiResponse<
  '/api/v1/projects/{project}/environments/{env}/flags/{flag}/deliveries',
  'get'
>;
export type Delivery = Deliveries['deliveries'][number];

/** Under the project's insights, so whatever refreshes those refreshes these. */
export const deliveriesKey = (project: string, env: string, flag: string) =>
  ['projects', project, 'insights', env, flag, 'deliveries'] as const;

export async function getDeliveries(api: ApiClient, at: { project: string; env: string; flag: string }) {
  return unwrap(
    await api.GET('/api/v1/projects/{project}/environments/{env}/flags/{flag}/deliveries', {
      params: { path: at },
    }),
  );
}

/**
 * A flag's delivery receipts in an environment (its latest changes), refreshed every 5 seconds: acks
 * arrive within seconds of a change.
 *
 * @example
 * const { data } = useDeliveries({ project: 'web', env: 'production', flag: 'new-checkout' });
 */
export function useDeliveries(at: { project: string; env: string; flag: string }) {
  const api = useApi();
  return useQuery({
    queryKey: deliveriesKey(at.project, at.env, at.flag),
    queryFn: () => getDeliveries(api, at),
    refetchInterval: 5_000,
  });
}
