import { type ApiClient, unwrap } from '../../../lib/api-client.js';

export type FlagResponse = Awaited<ReturnType<typeof getFlag>>;
export type FlagEnvironment = FlagResponse['environments'][string];

/**
 * One flag with its configuration in every environment (or in `env` only).
 *
 * @example
 * const flag = await getFlag(api, 'web', 'checkout');
 * flag.environments.production?.on;
 */
export async function getFlag(api: ApiClient, project: string, flag: string, env?: string) {
  return unwrap(
    await api.GET('/api/v1/projects/{project}/flags/{flag}', {
      params: { path: { project, flag }, query: { env } },
    }),
  );
}

/** The list's view of a flag's environments: on/off and the version the next `If-Match` needs. */
export const statesOf = (environments: Record<string, FlagEnvironment>) =>
  Object.fromEntries(Object.entries(environments).map(([env, c]) => [env, { on: c.on, version: c.version }]));
