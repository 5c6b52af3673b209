import { useQuery } from '@tanstack/react-query';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import type { AuditEntry } from '../../history/api/list-audit.js';
import type { EventsRange } from './get-events.js';

interface FlagAt {
  readonly project: string;
  readonly env: string;
  readonly flag: string;
}

/**
 * The flag's changes in one environment between `range.from` and `range.to`, oldest first. The audit
 * log lists newest first, so pages are read until one reaches back before the range.
 */
export async function flagChangesIn(api: ApiClient, at: FlagAt, range: EventsRange): Promise<AuditEntry[]> {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const changes: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(
      await api.GET('/api/v1/projects/{project}/audit', {
        params: { path: { project: at.project }, query: { flag: at.flag, env: at.env, limit: 200, cursor } },
      }),
    );
    for (const entry of page.items) {
      const time = Date.parse(entry.time);
      if (time >= from && time < to) changes.push(entry);
    }
    const oldest = page.items.at(-1);
    cursor = oldest && Date.parse(oldest.time) >= from ? page.cursor : undefined;
  } while (cursor);
  return changes.reverse();
}

/**
 * When the flag changed in the environment during `range` (under the audit keys: a save refreshes it).
 *
 * @example
 * const changes = useFlagChanges({ project: 'web', env: 'production', flag: 'checkout' }, range).data ?? [];
 */
export function useFlagChanges(at: FlagAt, range: EventsRange | undefined) {
  const api = useApi();
  return useQuery({
    // `changesIn` keeps the key apart from the History tab's pages of the same flag and environment.
    queryKey: projectKeys.auditLog(at.project, { changesIn: range ?? null, flag: at.flag, env: at.env }),
    queryFn: () => flagChangesIn(api, at, range as EventsRange),
    enabled: range !== undefined,
  });
}
