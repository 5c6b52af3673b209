import { useState } from 'react';
import type { SegmentChoice } from '../../../components/clauses/clause-model.js';
import { FormDialog } from '../../../components/FormDialog.js';
import type { Segment } from '../api/segments.js';
import { type SegmentFields, toSegmentForm } from '../segment-form-model.js';
import { SegmentEditor } from './SegmentEditor.js';

export interface EditSegmentDialogProps {
  /** The key in the URL. */
  readonly segmentKey: string;
  /** The segment as the list has it now; `undefined` when the environment has none by that key. */
  readonly current: Segment | undefined;
  /** Readers see the segment read-only. */
  readonly readOnly: boolean;
  /** The environment's segments, for `segmentMatch` conditions (this one is left out). */
  readonly segments: readonly SegmentChoice[];
  /** Saves the edited fields on top of `segment`, the version the editor opened. */
  readonly save: (segment: Segment, fields: SegmentFields) => Promise<unknown>;
  readonly onClose: () => void;
}

/**
 * One segment in the editor, opened from the URL (`?segment=`). It keeps the version it opened:
 * the save is conditional on that one, and a newer version in the list (a live update) or the
 * segment's deletion does not replace the form under the user.
 *
 * @example
 * <EditSegmentDialog segmentKey="beta" current={list.data.find((s) => s.key === 'beta')} readOnly={false}
 *   segments={list.data} save={(segment, fields) => update.mutateAsync({ segment, fields })} onClose={close} />
 */
export function EditSegmentDialog({
  segmentKey,
  current,
  readOnly,
  segments,
  save,
  onClose,
}: EditSegmentDialogProps) {
  const [base] = useState(current);
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={base ? `${readOnly ? 'View' : 'Edit'} segment ${base.name}` : `No segment ${segmentKey}`}
    >
      {base ? (
        <SegmentEditor
          initial={toSegmentForm(base)}
          creating={false}
          readOnly={readOnly}
          segments={segments.filter((s) => s.key !== base.key)}
          onCancel={onClose}
          onSave={async ({ key: _key, ...fields }) => {
            await save(base, fields);
            onClose();
          }}
        />
      ) : (
        <>
          <p>This environment has no segment “{segmentKey}”; it may have been deleted.</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </FormDialog>
  );
}
