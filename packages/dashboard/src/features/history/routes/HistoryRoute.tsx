import { useParams } from '@tanstack/react-router';
import { useDeferredValue, useId, useState } from 'react';
import { AuditLog } from '../components/AuditLog.js';

/** The project's audit log, filtered to the current environment unless asked for all, and optionally to a flag. */
export function HistoryRoute() {
  const { project, env } = useParams({ from: '/projects/$project/environments/$env/history' });
  const [flag, setFlag] = useState('');
  const [allEnvironments, setAllEnvironments] = useState(false);
  const deferredFlag = useDeferredValue(flag.trim());
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
          checked={allEnvironments}
          onChange={(e) => setAllEnvironments(e.target.checked)}
        />
        <label htmlFor={allId}>All environments</label>
      </search>
      <AuditLog
        project={project}
        linkFlagsIn={env}
        filter={{
          ...(deferredFlag ? { flag: deferredFlag } : {}),
          ...(allEnvironments ? {} : { env }),
        }}
      />
    </section>
  );
}
