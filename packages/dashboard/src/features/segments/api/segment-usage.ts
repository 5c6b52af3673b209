import { segmentReferences } from '@switchboard/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages } from '../../../lib/all-pages.js';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { flagQuery } from '../../flags/api/get-flag.js';

interface ClauseLike {
  readonly op: string;
  readonly values: readonly unknown[];
}
/** A flag's targeting in one environment, or a segment: whatever has rules. */
interface RulesOf {
  readonly key: string;
  readonly rules: readonly { readonly clauses: readonly ClauseLike[] }[];
}

/**
 * Segment key → keys of the flags (their targeting in one environment) or segments whose rules
 * reference it with a `segmentMatch` clause.
 *
 * @example
 * segmentUsage([{ key: 'checkout', rules: [{ clauses: [{ op: 'segmentMatch', values: ['beta'] }] }] }]);
 * // Map { 'beta' => ['checkout'] }
 */
export function segmentUsage(users: readonly RulesOf[]): Map<string, string[]> {
  const usage = new Map<string, string[]>();
  for (const user of users) {
    for (const segment of new Set(segmentReferences(user)))
      usage.set(segment, [...(usage.get(segment) ?? []), user.key]);
  }
  return usage;
}

/** Flags are read a few at a time so a large project does not open hundreds of requests at once. */
const CONCURRENCY = 6;

/**
 * Which flags use each segment of an environment, derived from the flags API: the flag list, then
 * each flag's targeting in the environment.
 *
 * @example
 * const { data: usage } = useSegmentUsage({ project: 'web', env: 'production' });
 * usage?.get('beta-testers'); // ['new-checkout']
 */
export function useSegmentUsage({ project, env }: { project: string; env: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  // Each flag is the one cached under `projectKeys.flag`: live updates invalidate only the flags
  // that changed, so working the usage out again reads those and reuses the rest.
  const flagOf = (flag: string) =>
    queryClient.fetchQuery({ ...flagQuery(api, project, flag), staleTime: Number.POSITIVE_INFINITY });
  return useQuery({
    queryKey: projectKeys.segmentUsage(project, env),
    queryFn: async () => {
      const keys = (
        await allPages(async (cursor) =>
          unwrap(
            await api.GET('/api/v1/projects/{project}/flags', {
              params: { path: { project }, query: { limit: 200, cursor } },
            }),
          ),
        )
      ).map((f) => f.key);
      const flags: RulesOf[] = [];
      for (let i = 0; i < keys.length; i += CONCURRENCY) {
        const batch = await Promise.all(
          keys.slice(i, i + CONCURRENCY).map(async (flag) => {
            const resource = await flagOf(flag);
            return { key: flag, rules: resource.environments[env]?.rules ?? [] };
          }),
        );
        flags.push(...batch);
      }
      return segmentUsage(flags);
    },
  });
}
