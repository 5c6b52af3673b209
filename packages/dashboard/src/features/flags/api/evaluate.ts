import { useMutation } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { Json } from '../model/types.js';

/** Every flag's value, variation and reason for `context` in one environment, as SDKs would get them. */
export async function evaluateContext(
  api: ApiClient,
  project: string,
  env: string,
  context: Record<string, Json>,
) {
  return unwrap(
    await api.POST('/api/v1/projects/{project}/environments/{env}/evaluate', {
      params: { path: { project, env } },
      body: context,
    }),
  ).values;
}

/**
 * "Test a context": evaluates the saved flags (not the draft) for a context.
 *
 * @example
 * const test = useEvaluate('web', 'production');
 * test.mutate({ kind: 'user', key: 'alice' });
 */
export function useEvaluate(project: string, env: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (context: Record<string, Json>) => evaluateContext(api, project, env, context),
  });
}
