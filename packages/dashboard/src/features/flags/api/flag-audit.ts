import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import type { AuditEntry } from '../model/types.js';

/**
 * The flag's audit entries newer than `since` (ISO time), newest first: who changed the flag since a
 * draft was started, and their comments.
 *
 * @example
 * const theirs = await flagChangesSince(api, 'web', 'checkout', base.createdAt);
 */
export async function flagChangesSince(
  api: ApiClient,
  project: string,
  flag: string,
  isNewer: (entry: AuditEntry) => boolean,
): Promise<AuditEntry[]> {
  const page = unwrap(
    await api.GET('/api/v1/projects/{project}/audit', {
      params: { path: { project }, query: { flag, limit: 20 } },
    }),
  );
  return page.items.filter(isNewer);
}
