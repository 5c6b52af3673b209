import { getRouteApi, useLocation } from '@tanstack/react-router';
import { useCallback, useEffect } from 'react';
import type { FlagFilters } from '../api/list-flags.js';
import { FlagListPage } from '../components/FlagListPage.js';

const route = getRouteApi('/projects/$project/environments/$env/flags');

/** Reads `?q=&tag=&archived=` so a filtered list can be shared as a link. */
export function validateFlagSearch(search: Record<string, unknown>): FlagFilters {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const archived = search.archived;
  return {
    q: text(search.q),
    tag: text(search.tag),
    archived: archived === 'archived' || archived === 'all' ? archived : undefined,
  };
}

/** `/projects/:project/environments/:env/flags` */
export function FlagListRoute() {
  const { project, env } = route.useParams();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const deletedFlag = useLocation({ select: (location) => location.state.deletedFlag });
  useEffect(() => {
    if (deletedFlag === undefined) return;
    // The page keeps the notice; the history entry drops it, so Back or Forward to it says nothing.
    void navigate({
      search: true,
      replace: true,
      state: ({ deletedFlag: _, ...rest }) => rest,
    });
  }, [deletedFlag, navigate]);
  const onFiltersChange = useCallback(
    (next: FlagFilters) => void navigate({ search: next, replace: true }),
    [navigate],
  );
  return (
    <FlagListPage
      project={project}
      env={env}
      filters={filters}
      onFiltersChange={onFiltersChange}
      deletedFlag={deletedFlag}
    />
  );
}
