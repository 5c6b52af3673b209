import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Link,
  lazyRouteComponent,
  Outlet,
  type RouterHistory,
  redirect,
} from '@tanstack/react-router';
import { Placeholder } from '../components/Placeholder.js';
import { useCan } from '../features/auth/use-can.js';
import { validateFlagPageSearch } from '../features/flags/components/flag-page/tabs.js';
import { FlagListRoute, validateFlagSearch } from '../features/flags/routes/FlagListRoute.js';
import { validateHistorySearch } from '../features/history/routes/history-search.js';
import { environmentsOf, landingPage } from '../features/settings/api/landing-page.js';
import { useEnvironments } from '../features/settings/api/list-environments.js';
import { type ApiClient, isNotFound } from '../lib/api-client.js';
import { PageNotFound } from './PageNotFound.js';
import { ProjectNotFound } from './ProjectNotFound.js';
import { Shell } from './Shell.js';

export interface RouterContext {
  readonly queryClient: QueryClient;
  readonly api: ApiClient;
}

const root = createRootRouteWithContext<RouterContext>()({ component: Shell });

/** `/` opens the first project's first environment, so a new user lands on a flag list. */
const index = createRoute({
  getParentRoute: () => root,
  path: '/',
  beforeLoad: async ({ context }) => {
    const page = await landingPage(context);
    if (page.to !== '/') throw redirect(page);
  },
  component: NoProjects,
});

/** The first page of a fresh installation: a global admin creates the first project from the top bar. */
function NoProjects() {
  const isAdmin = useCan('admin');
  return (
    <Placeholder title="No projects yet">
      {isAdmin
        ? 'Create the first project with “New project” at the top of the page.'
        : 'A global admin creates projects; ask one, or sign in with an admin token.'}
    </Placeholder>
  );
}

const project = createRoute({
  getParentRoute: () => root,
  path: '/projects/$project',
  component: ProjectGate,
});

/**
 * A project's pages, or a page saying it does not exist (a mistyped or stale link, a deleted
 * project). Its environments, which every project page reads anyway, tell: the API answers 404.
 */
function ProjectGate() {
  const params = project.useParams();
  const { error } = useEnvironments(params.project);
  return isNotFound(error) ? <ProjectNotFound project={params.project} /> : <Outlet />;
}

const projectIndex = createRoute({
  getParentRoute: () => project,
  path: '/',
  beforeLoad: async ({ context, params }) => {
    const first = (await environmentsOf(context, params.project))[0];
    if (first)
      throw redirect({
        to: '/projects/$project/environments/$env/flags',
        params: { project: params.project, env: first.key },
      });
  },
  component: NoEnvironments,
});

function NoEnvironments() {
  const { project } = projectIndex.useParams();
  return (
    <Placeholder title="No environments yet">
      This project has no environment yet.{' '}
      <Link to="/projects/$project/settings/environments" params={{ project }}>
        Environments and keys
      </Link>{' '}
      creates one.
    </Placeholder>
  );
}

/** Every page of one environment has it in its URL, so a shared link opens the same view. */
export const environment = createRoute({
  getParentRoute: () => project,
  path: '/environments/$env',
  component: EnvironmentGate,
});

/** An environment's pages, or a page saying it does not exist (a bookmark to a deleted one). */
function EnvironmentGate() {
  const params = environment.useParams();
  const { data: environments } = useEnvironments(params.project);
  if (!environments || environments.some((e) => e.key === params.env)) return <Outlet />;
  return (
    <Placeholder title="No such environment">
      This project has no environment “{params.env}”; it may have been deleted.{' '}
      <Link to="/projects/$project" params={{ project: params.project }}>
        Open the project
      </Link>{' '}
      or choose an environment above.
    </Placeholder>
  );
}

const environmentIndex = createRoute({
  getParentRoute: () => environment,
  path: '/',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/projects/$project/environments/$env/flags', params });
  },
});

const flags = createRoute({
  getParentRoute: () => environment,
  path: '/flags',
  validateSearch: validateFlagSearch,
  component: FlagListRoute,
});

/** The flag page (variations, targeting, test a context). */
const flag = createRoute({
  getParentRoute: () => environment,
  path: '/flags/$flag',
  validateSearch: validateFlagPageSearch,
  // Its own chunk: the editor brings the core's operators and a JSON Patch library the list does not need.
  component: lazyRouteComponent(() => import('../features/flags/routes/FlagRoute.js'), 'FlagRoute'),
});

/** `?segment=beta` opens that segment in the editor, so a link can point at one segment. */
const segments = createRoute({
  getParentRoute: () => environment,
  path: '/segments',
  validateSearch: (search: Record<string, unknown>): { segment?: string } =>
    typeof search.segment === 'string' && search.segment !== '' ? { segment: search.segment } : {},
  component: lazyRouteComponent(
    () => import('../features/segments/routes/SegmentsRoute.js'),
    'SegmentsRoute',
  ),
});

const history = createRoute({
  getParentRoute: () => environment,
  path: '/history',
  validateSearch: validateHistorySearch,
  component: lazyRouteComponent(() => import('../features/history/routes/HistoryRoute.js'), 'HistoryRoute'),
});

const insights = createRoute({
  getParentRoute: () => environment,
  path: '/insights',
  validateSearch: (search: Record<string, unknown>): { flag?: string } =>
    typeof search.flag === 'string' ? { flag: search.flag } : {},
  component: lazyRouteComponent(
    () => import('../features/insights/routes/InsightsRoute.js'),
    'InsightsRoute',
  ),
});

const environmentSettings = createRoute({
  getParentRoute: () => project,
  path: '/settings/environments',
  component: lazyRouteComponent(
    () => import('../features/settings/routes/EnvironmentsRoute.js'),
    'EnvironmentsRoute',
  ),
});

const projectSettings = createRoute({
  getParentRoute: () => project,
  path: '/settings',
  component: lazyRouteComponent(
    () => import('../features/settings/routes/ProjectSettingsRoute.js'),
    'ProjectSettingsRoute',
  ),
});

const tokens = createRoute({
  getParentRoute: () => root,
  path: '/settings/tokens',
  component: lazyRouteComponent(() => import('../features/settings/routes/TokensRoute.js'), 'TokensRoute'),
});

const routeTree = root.addChildren([
  index,
  project.addChildren([
    projectIndex,
    environment.addChildren([environmentIndex, flags, flag, segments, history, insights]),
    environmentSettings,
    projectSettings,
  ]),
  tokens,
]);

/**
 * The app's router; `history` is injectable so tests run it in memory.
 *
 * @example
 * const router = createAppRouter({ queryClient, api });
 * <RouterProvider router={router} />
 */
export function createAppRouter(context: RouterContext, history?: RouterHistory) {
  return createRouter({
    routeTree,
    context,
    ...(history ? { history } : {}),
    defaultPreload: 'intent',
    defaultNotFoundComponent: PageNotFound,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

declare module '@tanstack/history' {
  /** What a navigation tells the page it opens, without putting it in the URL (a link would repeat it). */
  interface HistoryState {
    /** What the page opened says about the action that opened it, e.g. "Flag checkout was deleted." */
    readonly notice?: string;
  }
}
