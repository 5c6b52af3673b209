import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

export interface NewEnvironment {
  readonly key: string;
  readonly name: string;
  readonly color: string;
}

/** A rename or recolouring, conditional on the version the form started from. */
export interface EnvironmentEdit {
  readonly env: string;
  readonly version: number;
  readonly name?: string;
  readonly color?: string;
}

/** The instructions of an edit: only the fields it changes. */
const editInstructions = ({ name, color }: EnvironmentEdit) => [
  ...(name === undefined ? [] : [{ kind: 'updateName' as const, value: name }]),
  ...(color === undefined ? [] : [{ kind: 'updateColor' as const, value: color }]),
];

/**
 * Create, update (name, colour), delete and rotate-keys mutations for a project's environments; each
 * refreshes the list. Create and rotate resolve to the environment with its new secret `sdkKey`,
 * which the API returns only in that answer.
 *
 * @example
 * const { create, update, remove, rotate } = useEnvironmentMutations('web');
 * await update.mutateAsync({ env: 'staging', version: 3, name: 'Pre-production' });
 * const { sdkKey } = await rotate.mutateAsync({ env: 'production', expiryHours: 24 });
 */
export function useEnvironmentMutations(project: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: projectKeys.environments(project) });
  const create = useMutation({
    mutationFn: async (body: NewEnvironment) =>
      unwrap(
        await api.POST('/api/v1/projects/{project}/environments', { params: { path: { project } }, body }),
      ),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: async (edit: EnvironmentEdit) =>
      unwrap(
        await api.PATCH('/api/v1/projects/{project}/environments/{env}', {
          params: { path: { project, env: edit.env } },
          headers: { 'If-Match': String(edit.version) },
          body: { instructions: editInstructions(edit) },
        }),
      ),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: async (env: string) =>
      unwrap(
        await api.DELETE('/api/v1/projects/{project}/environments/{env}', {
          params: { path: { project, env } },
        }),
      ),
    onSuccess,
  });
  const rotate = useMutation({
    mutationFn: async ({ env, expiryHours }: { env: string; expiryHours: number }) =>
      unwrap(
        await api.POST('/api/v1/projects/{project}/environments/{env}/keys/rotate', {
          params: { path: { project, env } },
          body: { expiryHours },
        }),
      ),
    onSuccess,
  });
  return { create, update, remove, rotate };
}
