import { getRouteApi } from '@tanstack/react-router';
import { useCallback } from 'react';
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

/** `/projects/:project/environments/:env/flags`; each change of the filters is a browser history entry. */
export function FlagListRoute() {
  const { project, env } = route.useParams();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const onFiltersChange = useCallback((next: FlagFilters) => void navigate({ search: next }), [navigate]);
  return <FlagListPage project={project} env={env} filters={filters} onFiltersChange={onFiltersChange} />;
}
