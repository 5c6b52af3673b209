import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useRef } from 'react';
import { Placeholder } from '../../../components/Placeholder.js';
import { QueryState } from '../../../components/QueryState.js';
import { isNotFound } from '../../../lib/api-client.js';
import { useCan } from '../../auth/use-can.js';
import { useEnvironments } from '../../settings/api/list-environments.js';
import { useFlag } from '../api/get-flag.js';
import { FlagPage } from '../components/flag-page/FlagPage.js';
import type { FlagPageTab } from '../components/flag-page/tabs.js';

/** `/projects/:project/environments/:env/flags/:flag` */
export function FlagRoute() {
  const { project, env, flag } = useParams({ from: '/projects/$project/environments/$env/flags/$flag' });
  const { tab = 'targeting' } = useSearch({ from: '/projects/$project/environments/$env/flags/$flag' });
  const navigate = useNavigate({ from: '/projects/$project/environments/$env/flags/$flag' });
  const query = useFlag(project, flag);
  const canWrite = useCan('writer', project);
  const { data: environments = [] } = useEnvironments(project);
  const envName = environments.find((e) => e.key === env)?.name ?? env;
  // Each tab opened is a browser history entry, so Back opens the tab before. Radix opens a tab on
  // mousedown and again on the focus that follows, before the URL changes: the second adds nothing.
  const opening = useRef(tab);
  opening.current = tab;
  const openTab = (next: FlagPageTab) => {
    if (next === opening.current) return;
    opening.current = next;
    void navigate({ search: next === 'targeting' ? {} : { tab: next }, resetScroll: false });
  };
  if (isNotFound(query.error))
    return (
      <Placeholder title="Flag not found">
        This project has no flag “{flag}”; it may have been deleted.{' '}
        <Link to="/projects/$project/environments/$env/flags" params={{ project, env }}>
          Open the flag list
        </Link>
        .
      </Placeholder>
    );
  if (!query.data) return <QueryState error={query.error} label="the flag" />;
  // One draft per flag and environment: switching environment starts from that environment's draft.
  return (
    <FlagPage
      key={`${flag}/${env}`}
      project={project}
      env={env}
      envName={envName}
      server={query.data}
      canWrite={canWrite}
      tab={tab}
      onTabChange={openTab}
    />
  );
}
