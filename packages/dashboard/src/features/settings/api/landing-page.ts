import type { QueryClient } from '@tanstack/react-query';
import { type ApiClient, isNotFound } from '../../../lib/api-client.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { listEnvironments } from './list-environments.js';
import { listProjects } from './list-projects.js';

/** What the router's loaders and a page's actions read the API with. */
interface QueryContext {
  readonly queryClient: QueryClient;
  readonly api: ApiClient;
}

/** The project's environments; none when there is no such project, which its page then says. */
export const environmentsOf = ({ queryClient, api }: QueryContext, project: string) =>
  queryClient
    .ensureQueryData({
      queryKey: projectKeys.environments(project),
      queryFn: () => listEnvironments(api, project),
    })
    .catch((error: unknown) => (isNotFound(error) ? [] : Promise.reject(error)));

/**
 * Where `/` leads: the first project's first environment's flags, the project's page while it has no
 * environment, or `/` itself (no projects yet). `except` leaves out a project just deleted, which
 * the cached list may still hold.
 */
export async function landingPage(context: QueryContext, except?: string) {
  const { queryClient, api } = context;
  const projects = await queryClient.ensureQueryData({
    queryKey: projectKeys.all,
    queryFn: () => listProjects(api),
  });
  const first = projects.find((p) => p.key !== except);
  if (!first) return { to: '/' } as const;
  const project = first.key;
  const env = (await environmentsOf(context, project))[0]?.key;
  return env
    ? ({ to: '/projects/$project/environments/$env/flags', params: { project, env } } as const)
    : ({ to: '/projects/$project', params: { project } } as const);
}
