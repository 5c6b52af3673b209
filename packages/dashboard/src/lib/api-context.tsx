import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api-client.js';

const ApiContext = createContext<ApiClient | undefined>(undefined);

/** Makes the typed API client available to every feature's request hooks. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/**
 * The API client of the app.
 *
 * @example
 * const api = useApi();
 * useQuery({ queryKey: ['projects'], queryFn: async () => unwrap(await api.GET('/api/v1/projects')) });
 */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider>');
  return client;
}
