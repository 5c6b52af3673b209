import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';

export interface ReceiptsChange {
  readonly env: string;
  readonly enabled: boolean;
  /** Share of SDKs that acknowledge each change, above 0 and at most 1. @default the stored rate */
  readonly sampleRate?: number;
}

/**
 * Turns an environment's delivery receipts on or off with the `updateReceipts` instruction, then
 * refreshes the environment list (the flag page's Delivery tab reads the setting from it). A 400
 * names `instructions[0].sampleRate` or `instructions[0].enabled`; the caller shows it by its field.
 *
 * @example
 * const update = useUpdateReceipts('web');
 * update.mutate({ env: 'production', enabled: true, sampleRate: 0.1 });
 */
export function useUpdateReceipts(project: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ env, enabled, sampleRate }: ReceiptsChange) =>
      unwrap(
        await api.PATCH('/api/v1/projects/{project}/environments/{env}', {
          params: { path: { project, env } },
          body: {
            instructions: [
              { kind: 'updateReceipts', enabled, ...(sampleRate === undefined ? {} : { sampleRate }) },
            ],
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.environments(project) }),
  });
}
