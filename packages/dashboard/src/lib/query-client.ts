import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client.js';

/**
 * The app's query cache. 4xx answers are not retried: the same request would get the same answer.
 *
 * @example
 * const queryClient = createQueryClient();
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}
