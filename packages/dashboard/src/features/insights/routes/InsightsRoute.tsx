import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useId } from 'react';
import { useFlagChoices } from '../../flags/api/flag-choices.js';
import { FlagInsights } from '../components/FlagInsights.js';

/** Insights of the flag named in `?flag=`, chosen from the project's flags. */
export function InsightsRoute() {
  const { project, env } = useParams({ from: '/projects/$project/environments/$env/insights' });
  const { flag } = useSearch({ from: '/projects/$project/environments/$env/insights' });
  const navigate = useNavigate({ from: '/projects/$project/environments/$env/insights' });
  const flags = useFlagChoices(project, { limit: 200, archived: 'false' });
  const id = useId();
  const chosen = flag ?? flags.data?.[0]?.key;
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Insights</h1>
      <div className="toolbar">
        <label htmlFor={id}>Flag</label>
        <select id={id} value={chosen ?? ''} onChange={(e) => navigate({ search: { flag: e.target.value } })}>
          {(flags.data ?? []).map((f) => (
            <option key={f.key} value={f.key}>
              {f.name} ({f.key})
            </option>
          ))}
        </select>
      </div>
      {chosen ? (
        <FlagInsights key={`${chosen}/${env}`} project={project} flag={chosen} env={env} />
      ) : (
        flags.data && <p className="muted">This project has no flags yet.</p>
      )}
    </section>
  );
}
