import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import type { FlagPatchRequest } from '../model/request.js';
import type { Flag } from '../model/types.js';

/** Sends one reviewed change: instructions or JSON Patch, conditional on `If-Match`. */
export async function patchFlag(
  api: ApiClient,
  project: string,
  flag: string,
  request: FlagPatchRequest,
): Promise<Flag> {
  const saved = unwrap(
    await api.PATCH('/api/v1/projects/{project}/flags/{flag}', {
      params: { path: { project, flag }, query: request.env ? { env: request.env } : {} },
      headers: { 'If-Match': String(request.ifMatch) },
      body: request.body as never,
    }),
  );
  return saved as Flag;
}

/**
 * Saves a draft; on success the flag's cached copy and every flag list are refreshed. Errors (409,
 * 400 with `error.field`) are left to the caller, which shows them where they belong.
 *
 * @example
 * const save = usePatchFlag('web', 'checkout');
 * save.mutate(patchRequestFor(base, draft, 'production', changes, comment));
 */
export function usePatchFlag(project: string, flag: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: FlagPatchRequest) => patchFlag(api, project, flag, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.flags(project) }),
  });
}
