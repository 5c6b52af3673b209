import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as Dialog from '@radix-ui/react-dialog';
import { type ReactNode, useState } from 'react';
import './pages.css';

export interface FormDialogProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog; none when the page opens it from elsewhere. */
  readonly trigger?: ReactNode;
  readonly title: string;
  readonly children: ReactNode;
  /**
   * The form holds changes not yet saved: Escape or a click outside asks before dropping them (its
   * own Cancel button closes at once: that is a choice, not a slip).
   */
  readonly dirty?: boolean;
}

/**
 * A modal that holds a form (create an environment, a token, a segment), on Radix's dialog.
 *
 * @example
 * <FormDialog open={open} onOpenChange={setOpen} title="New token"
 *   trigger={<button type="button" className="button">New token</button>}>
 *   <form onSubmit={…}>…</form>
 * </FormDialog>
 */
export function FormDialog({ open, onOpenChange, trigger, title, children, dirty = false }: FormDialogProps) {
  const [asking, setAsking] = useState(false);
  const askIfDirty = (event: Event) => {
    if (!dirty) return;
    event.preventDefault();
    setAsking(true);
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog"
          aria-describedby={undefined}
          onEscapeKeyDown={askIfDirty}
          onInteractOutside={askIfDirty}
        >
          <Dialog.Title>{title}</Dialog.Title>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
      <AlertDialog.Root open={asking} onOpenChange={setAsking}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog">
            <AlertDialog.Title>Discard your changes?</AlertDialog.Title>
            <AlertDialog.Description>They are not saved; closing drops them.</AlertDialog.Description>
            <div className="dialog-actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="button">
                  Keep editing
                </button>
              </AlertDialog.Cancel>
              <AlertDialog.Action asChild>
                <button type="button" className="button button-danger" onClick={() => onOpenChange(false)}>
                  Discard
                </button>
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </Dialog.Root>
  );
}

/** The dialog's cancel button, which closes it. */
export const DialogClose = ({ children }: { children: ReactNode }) => (
  <Dialog.Close asChild>{children}</Dialog.Close>
);
