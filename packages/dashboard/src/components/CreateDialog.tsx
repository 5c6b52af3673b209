import { type ReactNode, useState } from 'react';
import { ErrorNotice } from './ErrorNotice.js';
import { DialogClose, FormDialog } from './FormDialog.js';
import { SubmitButton } from './SubmitButton.js';

export interface CreateDialogProps {
  /**
   * What opens the dialog: a label ("New token") makes the page's primary button; an element (an Edit
   * button in a table row) is used as it is.
   */
  readonly trigger: ReactNode;
  /** Runs as the dialog opens: an edit form starts again from the values saved. */
  readonly onOpen?: () => void;
  readonly title: string;
  readonly submitLabel: string;
  /** Sends the form; the dialog closes when it resolves and shows the error when it rejects. */
  readonly onSubmit: () => Promise<unknown>;
  /** The form's fields. */
  readonly children: ReactNode;
}

/**
 * A "New …" button (or another trigger) and the dialog with the form it opens: cancel, submit, the
 * API's error.
 *
 * @example
 * <CreateDialog trigger="New token" title="New API token" submitLabel="Create token"
 *   onSubmit={() => create.mutateAsync({ name, role })}>
 *   <TextField label="Name" value={name} onChange={setName} required />
 * </CreateDialog>
 */
export function CreateDialog({ trigger, onOpen, title, submitLabel, onSubmit, children }: CreateDialogProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        if (next) onOpen?.();
        setOpen(next);
        setError(undefined);
      }}
      title={title}
      trigger={
        typeof trigger === 'string' ? (
          <button type="button" className="button button-primary">
            {trigger}
          </button>
        ) : (
          trigger
        )
      }
    >
      <form className="form" onSubmit={submit}>
        {children}
        {error !== undefined && <ErrorNotice error={error} />}
        <div className="dialog-actions">
          <DialogClose>
            <button type="button" className="button">
              Cancel
            </button>
          </DialogClose>
          <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
        </div>
      </form>
    </FormDialog>
  );
}
