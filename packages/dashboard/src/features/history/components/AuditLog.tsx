import { Link } from '@tanstack/react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { LoadMoreButton } from '../../../components/LoadMoreButton.js';
import { QueryState } from '../../../components/QueryState.js';
import { useCan } from '../../auth/use-can.js';
import { type AuditEntry, type AuditFilter, useAudit } from '../api/list-audit.js';
import { restorableVersion, useRestoreFlagVersion } from '../api/restore-flag.js';
import { oneCreation } from '../one-creation.js';
import { AuditDiff } from './AuditDiff.js';
import '../../../components/pages.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const verb: Record<AuditEntry['action'], string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
};

/**
 * A project's audit entries matching `filter`, newest first, with "Load more" following the cursor.
 * With `linkFlagsIn`, each flag's key links to its flag page (History tab) in the entry's environment,
 * else in that one.
 *
 * @example
 * <AuditLog project="web" filter={{ env: 'production' }} linkFlagsIn="production" />
 */
export function AuditLog({
  project,
  filter,
  linkFlagsIn,
}: {
  project: string;
  filter: AuditFilter;
  linkFlagsIn?: string;
}) {
  const audit = useAudit(project, filter);
  if (!audit.data) return <QueryState error={audit.error} label="history" />;
  const listed = audit.data.pages.flatMap((page) => page.items);
  // Only one flag's log in one environment lists the whole flag's entries beside the environment's.
  const entries = filter.flag && filter.env ? oneCreation(listed) : listed;
  if (entries.length === 0) return <p className="muted">No changes recorded yet.</p>;
  // Newest first: the first entry of a flag in an environment holds its current version, which
  // there is nothing to restore to.
  const seen = new Set<string>();
  const current = new Set<string>();
  for (const entry of entries) {
    const id = `${entry.resource}/${entry.key}/${entry.env ?? ''}`;
    if (!seen.has(id)) current.add(entry.id);
    seen.add(id);
  }
  return (
    <>
      <ol className="audit-log" aria-label="Changes">
        {entries.map((entry) => (
          <AuditItem
            key={entry.id}
            project={project}
            entry={entry}
            current={current.has(entry.id)}
            linkFlagsIn={linkFlagsIn}
          />
        ))}
      </ol>
      <LoadMoreButton query={audit} />
    </>
  );
}

function AuditItem({
  project,
  entry,
  current,
  linkFlagsIn,
}: {
  project: string;
  entry: AuditEntry;
  current: boolean;
  linkFlagsIn: string | undefined;
}) {
  const canWrite = useCan('writer', project);
  const restore = useRestoreFlagVersion(project);
  const version = restorableVersion(entry);
  const titleId = `audit-${entry.id}`;
  const key = <code>{entry.key}</code>;
  const flagEnv = entry.env ?? linkFlagsIn;
  return (
    <li className="audit-entry" aria-labelledby={titleId}>
      <header className="audit-entry-header">
        <h2 id={titleId}>
          <strong>{entry.actor.name}</strong> {verb[entry.action]} {entry.resource}{' '}
          {linkFlagsIn && flagEnv && entry.resource === 'flag' && entry.action !== 'delete' ? (
            <Link
              to="/projects/$project/environments/$env/flags/$flag"
              params={{ project, env: flagEnv, flag: entry.key }}
              search={{ tab: 'history' }}
            >
              {key}
            </Link>
          ) : (
            key
          )}
          {entry.env && (
            <>
              {' '}
              in <span className="badge">{entry.env}</span>
            </>
          )}
          {version !== undefined && (
            <span className="muted">
              {' '}
              (version {version}
              {current && ', current'})
            </span>
          )}
        </h2>
        <time dateTime={entry.time} className="muted">
          {timeFormat.format(new Date(entry.time))}
        </time>
      </header>
      {entry.comment && <blockquote className="audit-comment">{entry.comment}</blockquote>}
      <details>
        <summary>Changes</summary>
        <AuditDiff before={entry.before} after={entry.after} />
      </details>
      {canWrite && version !== undefined && !current && (
        <ConfirmDialog
          trigger={
            <button
              type="button"
              className="button button-small"
              aria-label={`Restore ${entry.key} in ${entry.env} to version ${version}`}
            >
              Restore this version
            </button>
          }
          title={`Restore ${entry.key} to version ${version}?`}
          description={
            <p>
              The targeting of <code>{entry.key}</code> in {entry.env} becomes what it was at version{' '}
              {version}. This is recorded as a new change; nothing is lost.
            </p>
          }
          confirmLabel="Restore"
          onConfirm={() => restore.mutateAsync(entry)}
        />
      )}
    </li>
  );
}
