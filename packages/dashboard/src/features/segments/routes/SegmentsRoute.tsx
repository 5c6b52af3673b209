import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { FormDialog } from '../../../components/FormDialog.js';
import { QueryState } from '../../../components/QueryState.js';
import { useCan } from '../../auth/use-can.js';
import { useSegmentUsage } from '../api/segment-usage.js';
import { type Segment, useSegments } from '../api/segments.js';
import { SegmentEditor } from '../components/SegmentEditor.js';
import { emptySegmentForm, toSegmentForm } from '../segment-form-model.js';
import '../../../components/pages.css';

/** An environment's segments: list with "used by", create, edit and delete for writers, read-only for readers. */
export function SegmentsRoute() {
  const at = useParams({ from: '/projects/$project/environments/$env/segments' });
  const { list, create, update, remove } = useSegments(at);
  const usage = useSegmentUsage(at);
  const canWrite = useCan('writer', at.project);
  const [editing, setEditing] = useState<Segment | 'new'>();
  const close = () => setEditing(undefined);
  const usedBy = (key: string) => usage.data?.get(key) ?? [];

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title">Segments</h1>
        {canWrite && (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            New segment
          </button>
        )}
      </div>
      <FormDialog
        open={editing !== undefined}
        onOpenChange={(open) => !open && close()}
        title={
          editing === 'new' ? 'New segment' : `${canWrite ? 'Edit' : 'View'} segment ${editing?.name ?? ''}`
        }
      >
        {editing !== undefined && (
          <SegmentEditor
            initial={editing === 'new' ? emptySegmentForm : toSegmentForm(editing)}
            creating={editing === 'new'}
            readOnly={!canWrite}
            segments={(list.data ?? []).filter((s) => editing === 'new' || s.key !== editing.key)}
            onCancel={close}
            onSave={async ({ key, ...fields }) => {
              if (editing === 'new') await create.mutateAsync({ key, ...fields });
              else await update.mutateAsync({ segment: editing, fields });
              close();
            }}
          />
        )}
      </FormDialog>
      {!list.data ? (
        <QueryState error={list.error} label="segments" />
      ) : list.data.length === 0 ? (
        <p className="muted">No segments in this environment yet.</p>
      ) : (
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
              const flags = usedBy(segment.key);
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
                    {!usage.data ? (
                      <span className="muted">{usage.error ? 'unknown' : '…'}</span>
                    ) : flags.length === 0 ? (
                      <span className="muted">no flags</span>
                    ) : (
                      flags.map((flag) => (
                        <code key={flag} className="used-by">
                          {flag}
                        </code>
                      ))
                    )}
                  </td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setEditing(segment)}
                      >
                        {canWrite ? 'Edit' : 'View'}
                        <span className="visually-hidden"> {segment.name}</span>
                      </button>
                      {canWrite && (
                        <ConfirmDialog
                          trigger={
                            <button type="button" className="button button-small button-danger-outline">
                              Delete<span className="visually-hidden"> {segment.name}</span>
                            </button>
                          }
                          title={`Delete segment ${segment.name}?`}
                          description={
                            flags.length > 0 ? (
                              <p>
                                Used by {flags.join(', ')}: the API refuses to delete a segment flags still
                                reference; remove it from their rules first.
                              </p>
                            ) : (
                              <p>The segment is removed from this environment. This cannot be undone.</p>
                            )
                          }
                          confirmLabel="Delete segment"
                          danger
                          onConfirm={() => remove.mutateAsync(segment.key)}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
