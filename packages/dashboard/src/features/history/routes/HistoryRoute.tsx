import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useId } from 'react';
import { useTypedFilter } from '../../../lib/use-typed-filter.js';
import { AuditLog } from '../components/AuditLog.js';
import type { HistorySearch } from './history-search.js';

const from = '/projects/$project/environments/$env/history';

/**
 * The project's audit log, filtered to the current environment unless asked for all, and optionally
 * to a flag. Each change of the filters is a browser history entry.
 */
export function HistoryRoute() {
  const { project, env } = useParams({ from });
  const search = useSearch({ from });
  const navigate = useNavigate({ from });
  const filterBy = (next: HistorySearch) => void navigate({ search: next });
  const [flag, setFlag] = useTypedFilter(search.flag ?? '', (text) =>
    filterBy({ ...search, flag: text || undefined }),
  );
  const flagId = useId();
  const allId = useId();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">History</h1>
      <search className="toolbar">
        <label htmlFor={flagId}>Flag key</label>
        <input id={flagId} value={flag} placeholder="any flag" onChange={(e) => setFlag(e.target.value)} />
        <input
          id={allId}
          type="checkbox"
          checked={search.all === true}
          onChange={(e) => filterBy({ ...search, all: e.target.checked || undefined })}
        />
        <label htmlFor={allId}>All environments</label>
      </search>
      <AuditLog
        project={project}
        linkFlagsIn={env}
        filter={{
          ...(search.flag ? { flag: search.flag } : {}),
          ...(search.all ? {} : { env }),
        }}
      />
    </section>
  );
}
