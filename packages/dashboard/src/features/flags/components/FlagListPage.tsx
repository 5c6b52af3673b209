import { useCallback, useMemo, useRef, useState } from 'react';
import { QueryState } from '../../../components/QueryState.js';
import { useCan } from '../../auth/use-can.js';
import { useEnvironments } from '../../settings/api/list-environments.js';
import { type FlagFilters as Filters, useFlagList } from '../api/list-flags.js';
import { FlagFilters } from './FlagFilters.js';
import { FlagTable } from './FlagTable.js';
import { NewFlagDialog } from './NewFlagDialog.js';

export interface FlagListPageProps {
  readonly project: string;
  readonly env: string;
  readonly filters: Filters;
  readonly onFiltersChange: (filters: Filters) => void;
}

/** The project's flags with a switch per environment, filtered by search, tag and archived state. */
export function FlagListPage({ project, env, filters, onFiltersChange }: FlagListPageProps) {
  const canWrite = useCan('writer', project);
  const environments = useEnvironments(project);
  const list = useFlagList(project, filters);
  const [problem, setProblem] = useState<string>();
  const flags = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const knownTags = useKnownTags(flags);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (!isFetchingNextPage) void fetchNextPage();
  }, [isFetchingNextPage, fetchNextPage]);
  return (
    <section className="page flag-list" aria-labelledby="flags-title">
      <div className="page-header">
        <h1 id="flags-title">Flags</h1>
        {canWrite ? (
          <NewFlagDialog project={project} env={env} />
        ) : (
          <p className="muted">Your token can read flags but not change them.</p>
        )}
      </div>
      <FlagFilters filters={filters} onChange={onFiltersChange} knownTags={knownTags} />
      <div role="status" aria-live="polite" className="problem">
        {problem && (
          <div className="notice notice-error">
            {problem}{' '}
            <button type="button" className="button" onClick={() => setProblem(undefined)}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      {!environments.data || !list.data ? (
        <QueryState error={environments.error ?? list.error} label="flags" />
      ) : flags.length === 0 ? (
        <p className="muted">{emptyListMessage(filters, canWrite)}</p>
      ) : (
        <>
          <p className="muted count">
            {flags.length}
            {hasNextPage ? '+' : ''} flag{flags.length === 1 && !hasNextPage ? '' : 's'}
          </p>
          <FlagTable
            project={project}
            env={env}
            environments={environments.data}
            flags={flags}
            hasMore={hasNextPage}
            loadMore={loadMore}
            canWrite={canWrite}
            onProblem={setProblem}
          />
        </>
      )}
    </section>
  );
}

/** Why the list is empty: nothing matches the filters, or the project has no active flag at all. */
function emptyListMessage(filters: Filters, canWrite: boolean): string {
  if (filters.q || filters.tag || filters.archived) return 'No flags match.';
  return `No active flags in this project.${canWrite ? ' Create one with “New flag”.' : ''}`;
}

/** Every tag seen in any list this session, so the tag suggestions survive filtering by one. */
function useKnownTags(flags: readonly { tags: readonly string[] }[]): string[] {
  const seen = useRef(new Set<string>());
  return useMemo(() => {
    for (const flag of flags) for (const tag of flag.tags) seen.current.add(tag);
    return [...seen.current].sort();
  }, [flags]);
}
