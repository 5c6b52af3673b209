import { jsonEqual } from '@switchboard/core';
import { useEffect, useId, useState } from 'react';
import type { SegmentChoice } from '../../../components/clauses/clause-model.js';
import { ErrorNotice } from '../../../components/ErrorNotice.js';
import { NameAndKeyFields } from '../../../components/NameAndKeyFields.js';
import { SubmitButton } from '../../../components/SubmitButton.js';
import { TextField } from '../../../components/TextField.js';
import {
  fromSegmentForm,
  type SegmentFields,
  type SegmentForm,
  type TargetRow,
} from '../segment-form-model.js';
import { SegmentRules } from './SegmentRules.js';

export interface SegmentEditorProps {
  readonly initial: SegmentForm;
  /** A new segment: the key is editable. */
  readonly creating: boolean;
  /** Readers see every field, disabled, and no save button. */
  readonly readOnly: boolean;
  readonly onSave: (fields: SegmentFields & { key: string }) => Promise<unknown>;
  readonly onCancel: () => void;
  /** The environment's other segments, for `segmentMatch` conditions. */
  readonly segments: readonly SegmentChoice[];
  /** Told whether the form differs from `initial`, so its dialog can ask before dropping it. */
  readonly onDirtyChange?: (dirty: boolean) => void;
}

/**
 * The segment form: name, key, description, tags, included and excluded keys per context kind, and
 * the rules, edited with the flag page's condition editor and checked before saving.
 *
 * @example
 * <SegmentEditor initial={toSegmentForm(segment)} creating={false} readOnly={!canWrite} segments={others}
 *   onSave={(fields) => update.mutateAsync({ segment, fields })} onCancel={close} />
 */
export function SegmentEditor({
  initial,
  creating,
  readOnly,
  onSave,
  onCancel,
  segments,
  onDirtyChange,
}: SegmentEditorProps) {
  const [form, setForm] = useState(initial);
  const dirty = !jsonEqual(form, initial);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(undefined);
    setBusy(true);
    try {
      await onSave({ key: form.key.trim(), ...fromSegmentForm(form, () => crypto.randomUUID()) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form segment-editor" onSubmit={submit}>
      <fieldset disabled={readOnly} className="plain-fieldset">
        <NameAndKeyFields form={form} onChange={setForm} keyReadOnly={!creating} />
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
        <TextField
          label="Tags (comma-separated)"
          value={form.tags}
          onChange={(tags) => setForm({ ...form, tags })}
        />
        <TargetRows
          legend="Included"
          rows={form.included}
          onChange={(included) => setForm({ ...form, included })}
        />
        <TargetRows
          legend="Excluded"
          rows={form.excluded}
          onChange={(excluded) => setForm({ ...form, excluded })}
        />
        <SegmentRules
          rules={form.rules}
          segments={segments}
          onChange={(rules) => setForm({ ...form, rules })}
        />
      </fieldset>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {readOnly ? 'Close' : 'Cancel'}
        </button>
        {!readOnly && <SubmitButton busy={busy}>{creating ? 'Create segment' : 'Save segment'}</SubmitButton>}
      </div>
    </form>
  );
}

function TargetRows({
  legend,
  rows,
  onChange,
}: {
  legend: string;
  rows: TargetRow[];
  onChange: (rows: TargetRow[]) => void;
}) {
  const id = useId();
  const set = (i: number, row: TargetRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="segment-targets">
      <legend>{legend} context keys</legend>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; the kind is edited in place
        <div key={i} className="target-row">
          <label htmlFor={`${id}-${i}-kind`}>{legend} context kind</label>
          <input
            id={`${id}-${i}-kind`}
            value={row.contextKind}
            onChange={(e) => set(i, { ...row, contextKind: e.target.value })}
          />
          <label htmlFor={`${id}-${i}-values`}>
            {legend} {row.contextKind || 'user'} keys (one per line)
          </label>
          <textarea
            id={`${id}-${i}-values`}
            rows={2}
            value={row.values}
            onChange={(e) => set(i, { ...row, values: e.target.value })}
          />
          {rows.length > 1 && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove ${legend.toLowerCase()} ${row.contextKind || 'user'} keys`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...rows, { contextKind: '', values: '' }])}
      >
        Add context kind<span className="visually-hidden"> to {legend.toLowerCase()}</span>
      </button>
    </fieldset>
  );
}
