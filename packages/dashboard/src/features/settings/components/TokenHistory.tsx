import { LoadMoreButton } from '../../../components/LoadMoreButton.js';
import { QueryState } from '../../../components/QueryState.js';
import { type GlobalAuditEntry, useTokenAudit } from '../api/token-audit.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const verbs: Record<GlobalAuditEntry['action'], string> = {
  create: 'created',
  rotate: 'rotated',
  revoke: 'revoked',
};

/** The token's name as the entry recorded it (`after` on create and rotate, `before` on revoke). */
function tokenName(entry: GlobalAuditEntry): string {
  const shown = (entry.after ?? entry.before) as { name?: unknown } | undefined;
  return typeof shown?.name === 'string' ? shown.name : entry.key;
}

/**
 * Who created, rotated or revoked which API token, and when: the global audit log, newest first.
 *
 * @example
 * <TokenHistory />
 */
export function TokenHistory() {
  const audit = useTokenAudit();
  if (!audit.data) return <QueryState error={audit.error} label="token history" />;
  const entries = audit.data.pages.flatMap((page) => page.items);
  return (
    <>
      <ol className="audit-log" aria-label="Token history">
        {entries.map((entry) => (
          <li key={entry.id}>
            <strong>{entry.actor.name}</strong> {verbs[entry.action]} <code>{tokenName(entry)}</code>{' '}
            <time dateTime={entry.time} className="muted">
              {dateFormat.format(new Date(entry.time))}
            </time>
            {entry.comment && <span className="muted"> ({entry.comment})</span>}
          </li>
        ))}
      </ol>
      <LoadMoreButton query={audit} />
    </>
  );
}
