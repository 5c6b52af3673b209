import { useId } from 'react';
import { useTypedFilter } from '../../../lib/use-typed-filter.js';
import type { FlagFilters as Filters } from '../api/list-flags.js';

export interface FlagFiltersProps {
  readonly filters: Filters;
  readonly onChange: (filters: Filters) => void;
  /** Tags seen so far, offered as suggestions. */
  readonly knownTags: readonly string[];
}

/** Search, tag and archived filters; the list reads them from (and shares them through) the URL. */
export function FlagFilters({ filters, onChange, knownTags }: FlagFiltersProps) {
  const ids = { q: useId(), tag: useId(), tags: useId(), archived: useId() };
  const [q, setQ] = useTypedFilter(filters.q ?? '', (text) => onChange({ ...filters, q: text || undefined }));
  const [tag, setTag] = useTypedFilter(filters.tag ?? '', (text) =>
    onChange({ ...filters, tag: text || undefined }),
  );
  return (
    <search className="filters" aria-label="Filter flags">
      <div className="field">
        <label htmlFor={ids.q}>Search</label>
        <input
          id={ids.q}
          type="search"
          placeholder="Key, name or description"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.tag}>Tag</label>
        <input
          id={ids.tag}
          list={ids.tags}
          placeholder="Any tag"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
        />
        <datalist id={ids.tags}>
          {knownTags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={ids.archived}>Show</label>
        <select
          id={ids.archived}
          value={filters.archived ?? 'active'}
          onChange={(e) => onChange({ ...filters, archived: e.target.value as Filters['archived'] })}
        >
          <option value="active">Active flags</option>
          <option value="archived">Archived flags</option>
          <option value="all">All flags</option>
        </select>
      </div>
    </search>
  );
}
