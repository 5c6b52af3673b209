import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  type Conflict,
  ConflictDialog,
  conflictOf,
  EditNotices,
} from '../../../components/ConflictDialog.js';
import type { SegmentChoice } from '../../../components/clauses/clause-model.js';
import { FormDialog } from '../../../components/FormDialog.js';
import { useApi } from '../../../lib/api-context.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { describeJsonDifference } from '../../flags/model/summary.js';
import { type AuditEntry, changesSince } from '../../history/api/list-audit.js';
import { getSegment, type Segment } from '../api/segments.js';
import { rebaseEdit, type SegmentFields, type SegmentForm, toSegmentForm } from '../segment-form-model.js';
import { SegmentEditor } from './SegmentEditor.js';

export interface EditSegmentDialogProps {
  readonly at: { readonly project: string; readonly env: string };
  /** The key in the URL. */
  readonly segmentKey: string;
  /** The segment as the list has it now; `undefined` when the environment has none by that key. */
  readonly current: Segment | undefined;
  /** Readers see the segment read-only. */
  readonly readOnly: boolean;
  /** The environment's segments, for `segmentMatch` conditions (this one is left out). */
  readonly segments: readonly SegmentChoice[];
  /** Saves the edited fields on top of `segment`, the version the editor started from. */
  readonly save: (segment: Segment, fields: SegmentFields) => Promise<unknown>;
  readonly onClose: () => void;
}

/** What the editor shows: the version it started from, the form, and a count that remounts the form. */
interface Editing {
  readonly base: Segment;
  readonly initial: SegmentForm;
  readonly edition: number;
}

/** A segment without its version: what people change. */
const content = ({ version: _version, ...rest }: Segment) => rest;

/** Their audit entries for this segment since `base`. */
const newerThan = (base: Segment) => (entry: AuditEntry) =>
  entry.resource === 'segment' &&
  entry.key === base.key &&
  ((entry.after as { version?: number } | undefined)?.version ?? 0) > base.version;

/**
 * One segment in the editor, opened from the URL (`?segment=`). It keeps the version it started
 * from: the save is conditional on that one, and a newer version in the list (a live update) or
 * the segment's deletion does not replace the form under the user. A save that meets a newer
 * version (409) opens the conflict dialog: re-apply lays the user's changed fields over the new
 * version for them to save again; discard shows the new version.
 *
 * @example
 * <EditSegmentDialog at={at} segmentKey="beta" current={list.data.find((s) => s.key === 'beta')}
 *   readOnly={false} segments={list.data} save={(segment, fields) => update.mutateAsync({ segment, fields })}
 *   onClose={close} />
 */
export function EditSegmentDialog({
  at,
  segmentKey,
  current,
  readOnly,
  segments,
  save,
  onClose,
}: EditSegmentDialogProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | undefined>(
    () => current && { base: current, initial: toSegmentForm(current), edition: 0 },
  );
  const [conflict, setConflict] = useState<Conflict<Segment> & { fields: SegmentFields }>();
  const [notice, setNotice] = useState<string>();
  const editor = useRef<HTMLDivElement>(null);
  const [dirty, setDirty] = useState(false);

  /** The editor moves onto `fresh`, showing `segment` (fresh, or fresh with the user's fields). */
  const moveTo = (fresh: Segment, segment: Segment, message: string) => {
    setEditing((e) => ({ base: fresh, initial: toSegmentForm(segment), edition: (e?.edition ?? 0) + 1 }));
    setConflict(undefined);
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: projectKeys.segments(at.project, at.env) });
  };

  const reapply = () => {
    if (!(conflict && editing)) return;
    const { segment, overlapping } = rebaseEdit(editing.base, conflict.fresh, conflict.fields);
    moveTo(
      conflict.fresh,
      segment,
      overlapping.length > 0
        ? `Your changes were re-applied onto the new version; they changed ${overlapping.join(', ')} too, and your version of ${overlapping.length === 1 ? 'it' : 'those'} replaces theirs. Review and save again.`
        : 'Your changes were re-applied onto the new version. Review them and save again.',
    );
  };

  const discard = () => {
    if (conflict) moveTo(conflict.fresh, conflict.fresh, 'Your changes were discarded.');
  };

  if (!editing) {
    return (
      <FormDialog open onOpenChange={(open) => !open && onClose()} title={`No segment ${segmentKey}`}>
        <p>This environment has no segment “{segmentKey}”; it may have been deleted.</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </FormDialog>
    );
  }
  const { base } = editing;
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`${readOnly ? 'View' : 'Edit'} segment ${base.name}`}
      dirty={dirty}
    >
      <EditNotices
        resource="segment"
        stale={!readOnly && current !== undefined && current.version !== base.version}
        notice={notice}
      />
      <div ref={editor}>
        <SegmentEditor
          key={editing.edition}
          onDirtyChange={setDirty}
          initial={editing.initial}
          creating={false}
          readOnly={readOnly}
          segments={segments.filter((s) => s.key !== base.key)}
          onCancel={onClose}
          onSave={async ({ key: _key, ...fields }) => {
            setNotice(undefined);
            try {
              await save(base, fields);
              onClose();
            } catch (error) {
              const found = await conflictOf(error, {
                reload: () => getSegment(api, at, base.key),
                entries: () => changesSince(api, at.project, { env: at.env }, newerThan(base)),
                theirs: (fresh) => describeJsonDifference(content(base), content(fresh)),
                mine: describeJsonDifference(content(base), { ...content(base), ...fields }),
              });
              if (!found) throw error;
              setConflict({ ...found, fields });
            }
          }}
        />
      </div>
      <ConflictDialog
        resource="segment"
        conflict={conflict}
        onReapply={reapply}
        onDiscard={discard}
        onClose={() => setConflict(undefined)}
        // Re-apply and discard renew the editor, and the Save button that opened the dialog with it.
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          editor.current?.querySelector<HTMLElement>('button[type="submit"]')?.focus();
        }}
      />
    </FormDialog>
  );
}
