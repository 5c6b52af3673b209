/** Where the app finds the API; written next to the app at deploy time (`/config.json`). */
export interface RuntimeConfig {
  /** Base URL of the HTTP API, without a trailing slash; `''` is the app's own origin. */
  readonly apiUrl: string;
  /** WebSocket API URL, when the deployment has one. */
  readonly wsUrl?: string;
}

const SAME_ORIGIN: RuntimeConfig = { apiUrl: '' };

/**
 * Reads `/config.json`; without one (a 404, or not JSON) the API is on the same origin.
 *
 * @example
 * const config = await loadConfig();
 * createApiClient({ baseUrl: config.apiUrl, token: () => session.token() });
 */
export async function loadConfig(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  try {
    const response = await fetchFn('/config.json', { cache: 'no-store' });
    if (!response.ok) return SAME_ORIGIN;
    const json = (await response.json()) as Partial<RuntimeConfig>;
    if (typeof json.apiUrl !== 'string') return SAME_ORIGIN;
    return {
      apiUrl: json.apiUrl.replace(/\/+$/, ''),
      ...(typeof json.wsUrl === 'string' ? { wsUrl: json.wsUrl } : {}),
    };
  } catch {
    return SAME_ORIGIN;
  }
}
