import { type FormEvent, useId, useState } from 'react';
import { FieldErrors } from '../../../../components/clauses/fields.js';
import type { Change } from '../../model/changes.js';
import type { Flag, FlagKind } from '../../model/types.js';

const KINDS: FlagKind[] = ['release', 'operational', 'experiment', 'permission'];

/**
 * The flag's project-level fields (shared by every environment): name, description, tags, kind,
 * temporary, maintainer, client-side availability, archived.
 */
export function FlagSettings({
  flag,
  dispatch,
  errors,
}: {
  flag: Flag;
  dispatch: (change: Change) => void;
  errors: readonly string[];
}) {
  const id = useId();
  const [tag, setTag] = useState('');
  const addTag = (event: FormEvent) => {
    event.preventDefault();
    const values = tag.split(/[\s,]+/).filter(Boolean);
    if (values.length > 0) dispatch({ kind: 'addTags', values });
    setTag('');
  };
  return (
    <div className="settings">
      <p className="muted">These settings are shared by every environment.</p>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={flag.name}
          aria-invalid={!flag.name.trim() || undefined}
          onChange={(e) => dispatch({ kind: 'updateName', value: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={3}
          value={flag.description}
          onChange={(e) => dispatch({ kind: 'updateDescription', value: e.target.value })}
        />
      </div>
      <div className="field">
        <span id={`${id}-tags`}>Tags</span>
        <ul className="chips" aria-labelledby={`${id}-tags`}>
          {flag.tags.map((t) => (
            <li key={t} className="chip">
              <span>{t}</span>
              <button
                type="button"
                aria-label={`Remove tag ${t}`}
                onClick={() => dispatch({ kind: 'removeTags', values: [t] })}
              >
                ×
              </button>
            </li>
          ))}
          {flag.tags.length === 0 && <li className="muted">No tags</li>}
        </ul>
        <form className="row" onSubmit={addTag}>
          <input aria-label="New tag" value={tag} onChange={(e) => setTag(e.target.value)} />
          <button type="submit" className="button button-small" disabled={!tag.trim()}>
            Add tag
          </button>
        </form>
      </div>
      <div className="row">
        <div className="field field-inline">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            value={flag.kind}
            onChange={(e) => dispatch({ kind: 'updateKind', value: e.target.value as FlagKind })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={flag.temporary}
            onChange={(e) => dispatch({ kind: 'updateTemporary', value: e.target.checked })}
          />{' '}
          Temporary (to be removed once rolled out)
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={flag.clientSideAvailability.usingEnvironmentId}
            onChange={(e) =>
              dispatch({
                kind: 'updateClientSideAvailability',
                value: { ...flag.clientSideAvailability, usingEnvironmentId: e.target.checked },
              })
            }
          />{' '}
          Available to client-side SDKs
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-maintainer`}>Maintainer</label>
        <input
          id={`${id}-maintainer`}
          value={flag.maintainer ?? ''}
          placeholder="someone@example.com"
          onChange={(e) => dispatch({ kind: 'updateMaintainer', value: e.target.value || null })}
        />
      </div>
      <div className="row">
        {flag.archived ? (
          <button type="button" className="button" onClick={() => dispatch({ kind: 'restoreFlag' })}>
            Restore from the archive
          </button>
        ) : (
          <button
            type="button"
            className="button button-danger-outline"
            onClick={() => dispatch({ kind: 'archiveFlag' })}
          >
            Archive this flag
          </button>
        )}
      </div>
      <FieldErrors errors={errors} />
    </div>
  );
}
