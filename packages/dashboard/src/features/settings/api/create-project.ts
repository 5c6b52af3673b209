import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

export interface NewProject {
  readonly key: string;
  readonly name: string;
  /** Also create the Production and Test environments a new project usually starts with. */
  readonly withEnvironments: boolean;
}

/** The environments a new project starts with when asked (as LaunchDarkly's do). */
export const STARTER_ENVIRONMENTS = [
  { key: 'production', name: 'Production', color: '#3366ff' },
  { key: 'test', name: 'Test', color: '#2e9e5b' },
] as const;

/**
 * Creates a project, then its starter environments if asked; the project list refetches. Resolves to
 * the project's key. An environment that fails leaves the project created: the error says which,
 * and that the Environments page creates it.
 *
 * @example
 * const create = useCreateProject();
 * const key = await create.mutateAsync({ key: 'web', name: 'Web', withEnvironments: true });
 */
export function useCreateProject() {
  const api = useApi();
  const queryClient = useQueryClient();
  const createEnvironment = async (
    project: { key: string; name: string },
    body: (typeof STARTER_ENVIRONMENTS)[number],
  ) => {
    try {
      unwrap(
        await api.POST('/api/v1/projects/{project}/environments', {
          params: { path: { project: project.key } },
          body,
        }),
      );
    } catch (error) {
      throw new Error(
        `${project.name} was created, but not its ${body.name} environment (${(error as Error).message}); create it under Environments and keys.`,
        { cause: error },
      );
    }
  };
  return useMutation({
    mutationFn: async ({ key, name, withEnvironments }: NewProject) => {
      const project = unwrap(
        await api.POST('/api/v1/projects', { body: { key: key.trim(), name: name.trim() } }),
      );
      try {
        for (const body of withEnvironments ? STARTER_ENVIRONMENTS : []) {
          await createEnvironment(project, body);
        }
      } finally {
        await queryClient.invalidateQueries({ queryKey: projectKeys.all });
      }
      return project.key;
    },
  });
}
