import { type ReactNode, useState } from 'react';
import { ErrorNotice } from './ErrorNotice.js';
import { DialogClose, FormDialog } from './FormDialog.js';
import { SubmitButton } from './SubmitButton.js';

export interface CreateDialogProps {
  /** The label of the button that opens the dialog ("New token"). */
  readonly openLabel: string;
  readonly title: string;
  readonly submitLabel: string;
  /** Sends the form; the dialog closes when it resolves and shows the error when it rejects. */
  readonly onSubmit: () => Promise<unknown>;
  /** The form's fields. */
  readonly children: ReactNode;
}

/**
 * A "New …" button and the dialog with the form it opens: cancel, submit, the API's error.
 *
 * @example
 * <CreateDialog openLabel="New token" title="New API token" submitLabel="Create token"
 *   onSubmit={() => create.mutateAsync({ name, role })}>
 *   <TextField label="Name" value={name} onChange={setName} required />
 * </CreateDialog>
 */
export function CreateDialog({ openLabel, title, submitLabel, onSubmit, children }: CreateDialogProps) {
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
        setOpen(next);
        setError(undefined);
      }}
      title={title}
      trigger={
        <button type="button" className="button button-primary">
          {openLabel}
        </button>
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
