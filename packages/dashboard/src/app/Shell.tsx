import { Link, Outlet, useLocation, useNavigate, useParams } from '@tanstack/react-router';
import { type RefObject, useEffect, useId, useRef } from 'react';
import { type Me, useMe } from '../features/auth/api/get-me.js';
import { useSession } from '../features/auth/session-context.js';
import { roleIn } from '../features/auth/use-can.js';
import { useEnvironments } from '../features/settings/api/list-environments.js';
import { useProjects } from '../features/settings/api/list-projects.js';
import { NewProjectDialog } from '../features/settings/components/NewProjectDialog.js';
import { useLiveUpdates } from './live-updates.js';
import { NavigationNotice } from './NavigationNotice.js';

/** The signed-in frame: project and environment switchers, navigation, who is signed in. */
export function Shell() {
  const { session } = useSession();
  const { data: me } = useMe();
  const params = useParams({ strict: false }) as { project?: string; env?: string };
  useLiveUpdates(params.project);
  const main = useRef<HTMLElement>(null);
  useFocusAfterNavigation(main);
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          Switchboard
        </Link>
        <ProjectSwitcher project={params.project} />
        {me?.role === 'admin' && <NewProjectDialog />}
        {params.project && <EnvironmentSwitcher project={params.project} env={params.env} />}
        <nav aria-label="Main" className="nav">
          {params.project && params.env && (
            <>
              <NavLink to="/projects/$project/environments/$env/flags" label="Flags" />
              <NavLink to="/projects/$project/environments/$env/segments" label="Segments" />
              <NavLink to="/projects/$project/environments/$env/history" label="History" />
              <NavLink to="/projects/$project/environments/$env/insights" label="Insights" />
            </>
          )}
          {params.project && (
            <>
              <Link to="/projects/$project/settings/environments" params={{ project: params.project }}>
                Environments
              </Link>
              {/* Exact: the environments page lies under the project's settings path. */}
              <Link
                to="/projects/$project/settings"
                params={{ project: params.project }}
                activeOptions={{ exact: true }}
              >
                Project
              </Link>
            </>
          )}
          {me?.role === 'admin' && <Link to="/settings/tokens">API tokens</Link>}
        </nav>
        <div className="who">
          {me && (
            <span>
              {me.name} <span className="badge">{roleBadge(me, params.project)}</span>
            </span>
          )}
          <button type="button" className="button" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content" ref={main} tabIndex={-1}>
        <NavigationNotice />
        <Outlet />
      </main>
    </div>
  );
}

/** How long after a navigation a focus lost to the document is put back on the page. */
const FOCUS_WATCH_MS = 1_000;

/**
 * After a navigation that lost the focus (the control that had it left with the page, such as a
 * dialog's Create button), puts it at the start of the new page: its heading, else the main region.
 * Keyboard and screen-reader users then go on from there, not from the top of the document. A
 * control that keeps the focus (a switcher, a navigation link) keeps it.
 */
function useFocusAfterNavigation(main: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    // The page left may hold the focus a little longer (a dialog closes after its action resolves),
    // so the focus is watched for a moment, not checked once.
    const started = Date.now();
    const timer = setInterval(() => {
      const active = document.activeElement;
      const lost = !active || active === document.body || !active.isConnected;
      if (!lost) {
        if (Date.now() - started > FOCUS_WATCH_MS) clearInterval(timer);
        return;
      }
      clearInterval(timer);
      const heading = main.current?.querySelector<HTMLElement>('h1');
      if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      (heading ?? main.current)?.focus();
    }, 50);
    return () => clearInterval(timer);
  }, [pathname, main]);
}

/** A project-scoped token's role depends on the project shown; outside one it has none. */
function roleBadge(me: Me, project: string | undefined): string {
  if (me.role) return me.role;
  const role = roleIn(me, project);
  if (role) return `${role} in ${project}`;
  return project ? `no role in ${project}` : 'project-scoped';
}

type EnvPage =
  | '/projects/$project/environments/$env/flags'
  | '/projects/$project/environments/$env/segments'
  | '/projects/$project/environments/$env/history'
  | '/projects/$project/environments/$env/insights';

function NavLink({ to, label }: { to: EnvPage; label: string }) {
  return (
    <Link to={to} params={(prev) => prev as never} activeProps={{ 'aria-current': 'page' }}>
      {label}
    </Link>
  );
}

function ProjectSwitcher({ project }: { project: string | undefined }) {
  const id = useId();
  const navigate = useNavigate();
  const { data: projects = [], isSuccess } = useProjects();
  return (
    <div className="switcher">
      <label htmlFor={id}>Project</label>
      <select
        id={id}
        value={project ?? ''}
        onChange={(e) => navigate({ to: '/projects/$project', params: { project: e.target.value } })}
      >
        {!project && <option value="">Choose…</option>}
        {project && isSuccess && !projects.some((p) => p.key === project) && (
          <option value={project}>{project} (not found or not yours)</option>
        )}
        {projects.map((p) => (
          <option key={p.key} value={p.key}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Switching environment keeps the page: flags stay flags, history stays history. */
function EnvironmentSwitcher({ project, env }: { project: string; env: string | undefined }) {
  const id = useId();
  const navigate = useNavigate();
  const { data: environments } = useEnvironments(project);
  return (
    <div className="switcher">
      <label htmlFor={id}>Environment</label>
      <select
        id={id}
        value={env ?? ''}
        onChange={(e) =>
          env
            ? navigate({
                to: '.',
                params: (prev: Record<string, string>) => ({ ...prev, env: e.target.value }),
              } as never)
            : navigate({
                to: '/projects/$project/environments/$env/flags',
                params: { project, env: e.target.value },
              })
        }
      >
        {!env && <option value="">Choose…</option>}
        {/* A select shows its first option for a value it lacks: a deleted environment is named as such. */}
        {env && environments && !environments.some((e) => e.key === env) && (
          <option value={env}>{env} (not found)</option>
        )}
        {(environments ?? []).map((environment) => (
          <option key={environment.key} value={environment.key}>
            {environment.name}
          </option>
        ))}
      </select>
    </div>
  );
}
