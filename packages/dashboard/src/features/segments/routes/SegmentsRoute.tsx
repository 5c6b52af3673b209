import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { FormDialog } from '../../../components/FormDialog.js';
import { QueryState } from '../../../components/QueryState.js';
import { useCan } from '../../auth/use-can.js';
import { segmentUsage, useSegmentUsage } from '../api/segment-usage.js';
import { useSegments } from '../api/segments.js';
import { EditSegmentDialog } from '../components/EditSegmentDialog.js';
import { SegmentEditor } from '../components/SegmentEditor.js';
import { emptySegmentForm } from '../segment-form-model.js';
import '../../../components/pages.css';
import { TableScroll } from '../../../components/TableScroll.js';

const route = getRouteApi('/projects/$project/environments/$env/segments');

type At = { readonly project: string; readonly env: string };

/**
 * An environment's segments: list with "used by" (flags and other segments), create, edit and delete
 * for writers, read-only for readers. The segment open in the editor is in the URL (`?segment=`).
 */
export function SegmentsRoute() {
  const at = route.useParams();
  const { segment: opened } = route.useSearch();
  const navigate = route.useNavigate();
  const { list, create, update, remove } = useSegments(at);
  const flagUsage = useSegmentUsage(at);
  const segmentUsers = useMemo(() => segmentUsage(list.data ?? []), [list.data]);
  const canWrite = useCan('writer', at.project);
  const [creating, setCreating] = useState(false);
  const [newDirty, setNewDirty] = useState(false);
  const closeNew = () => {
    setCreating(false);
    setNewDirty(false);
  };
  const closeEditor = () => void navigate({ search: {} });

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title">Segments</h1>
        {canWrite && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New segment
          </button>
        )}
      </div>
      <FormDialog
        open={creating}
        onOpenChange={(open) => !open && closeNew()}
        title="New segment"
        dirty={newDirty}
      >
        {creating && (
          <SegmentEditor
            initial={emptySegmentForm}
            creating
            readOnly={false}
            segments={list.data ?? []}
            onDirtyChange={setNewDirty}
            onCancel={closeNew}
            onSave={async (fields) => {
              await create.mutateAsync(fields);
              closeNew();
            }}
          />
        )}
      </FormDialog>
      {opened !== undefined && list.data && (
        <EditSegmentDialog
          key={opened}
          at={at}
          segmentKey={opened}
          current={list.data.find((s) => s.key === opened)}
          readOnly={!canWrite}
          segments={list.data}
          save={(segment, fields) => update.mutateAsync({ segment, fields })}
          onClose={closeEditor}
        />
      )}
      {!list.data ? (
        <QueryState error={list.error} label="segments" />
      ) : list.data.length === 0 ? (
        <p className="muted">No segments in this environment yet.</p>
      ) : (
        <TableScroll label="Segments table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Tags</th>
                <th scope="col" className="numeric">
                  Targets
                </th>
                <th scope="col" className="numeric">
                  Rules
                </th>
                <th scope="col">Used by</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((segment) => {
                const flags = flagUsage.data?.get(segment.key) ?? [];
                const segments = segmentUsers.get(segment.key) ?? [];
                const users = [...flags.map((f) => `flag ${f}`), ...segments.map((s) => `segment ${s}`)];
                const targetCount =
                  segment.included.length +
                  segment.excluded.length +
                  [...segment.includedContexts, ...segment.excludedContexts].reduce(
                    (n, t) => n + t.values.length,
                    0,
                  );
                return (
                  <tr key={segment.key}>
                    <th scope="row">
                      {segment.name} <code className="muted">{segment.key}</code>
                      {segment.description && <div className="muted">{segment.description}</div>}
                    </th>
                    <td>
                      {segment.tags.map((tag) => (
                        <span key={tag} className="badge">
                          {tag}
                        </span>
                      ))}
                    </td>
                    <td className="numeric">{targetCount}</td>
                    <td className="numeric">{segment.rules.length}</td>
                    <td>
                      <UsedBy
                        at={at}
                        flags={flagUsage.data ? flags : undefined}
                        flagsFailed={flagUsage.error !== null}
                        segments={segments}
                      />
                    </td>
                    <td>
                      <div className="actions">
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => void navigate({ search: { segment: segment.key } })}
                        >
                          {canWrite ? 'Edit' : 'View'}
                          <span className="visually-hidden"> {segment.name}</span>
                        </button>
                        {canWrite && (
                          <DeleteSegment
                            segment={segment}
                            users={flagUsage.data || segments.length > 0 ? users : undefined}
                            remove={() => remove.mutateAsync(segment.key)}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/**
 * Delete for a segment nothing uses. The API refuses to delete one that flags or segments reference,
 * and the page already knows them (its "Used by" column): the button is disabled and says which.
 * While the flags are unknown (`users` undefined: still being read, or their read failed) it stays
 * enabled, and the API's refusal names them in the confirmation.
 */
function DeleteSegment({
  segment,
  users,
  remove,
}: {
  segment: { key: string; name: string };
  users: readonly string[] | undefined;
  remove: () => Promise<unknown>;
}) {
  const hint = useId();
  const trigger = (inUse: boolean) => (
    <button
      type="button"
      className="button button-small button-danger-outline"
      disabled={inUse}
      aria-describedby={inUse ? hint : undefined}
    >
      Delete<span className="visually-hidden"> {segment.name}</span>
    </button>
  );
  if (users && users.length > 0)
    return (
      <>
        {trigger(true)}
        <span id={hint} className="muted">
          Used by {users.join(', ')}: remove it from their rules to delete it.
        </span>
      </>
    );
  return (
    <ConfirmDialog
      trigger={trigger(false)}
      title={`Delete segment ${segment.name}?`}
      description={
        <p>
          The segment is removed from this environment. This cannot be undone.
          {users === undefined && ' If flags still use it, the API refuses and names them.'}
        </p>
      }
      confirmLabel="Delete segment"
      danger
      onConfirm={remove}
    />
  );
}

/**
 * The flags and segments whose rules reference a segment, each a link: a flag to its flag page, a
 * segment to itself in the editor. `flags` is `undefined` while they are still being worked out.
 */
function UsedBy({
  at,
  flags,
  flagsFailed,
  segments,
}: {
  at: At;
  flags: readonly string[] | undefined;
  flagsFailed: boolean;
  segments: readonly string[];
}) {
  if (flags?.length === 0 && segments.length === 0)
    return <span className="muted">no flags or segments</span>;
  return (
    <>
      {flags === undefined ? (
        <div className="muted">{flagsFailed ? 'flags unknown' : 'flags …'}</div>
      ) : (
        <UsedByKind label="flags">
          {flags.map((flag) => (
            <Link
              key={flag}
              className="used-by"
              to="/projects/$project/environments/$env/flags/$flag"
              params={{ ...at, flag }}
            >
              <code>{flag}</code>
            </Link>
          ))}
        </UsedByKind>
      )}
      <UsedByKind label="segments">
        {segments.map((segment) => (
          <Link
            key={segment}
            className="used-by"
            to="/projects/$project/environments/$env/segments"
            params={at}
            search={{ segment }}
          >
            <code>{segment}</code>
          </Link>
        ))}
      </UsedByKind>
    </>
  );
}

/** One kind of user ("flags", "segments") and its links; nothing when there are none. */
function UsedByKind({ label, children }: { label: string; children: readonly ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <div>
      <span className="muted">{label}</span> {children}
    </div>
  );
}
