import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import './pages.css';

export interface FormDialogProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog; none when the page opens it from elsewhere. */
  readonly trigger?: ReactNode;
  readonly title: string;
  readonly children: ReactNode;
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
export function FormDialog({ open, onOpenChange, trigger, title, children }: FormDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title>{title}</Dialog.Title>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The dialog's cancel button, which closes it. */
export const DialogClose = ({ children }: { children: ReactNode }) => (
  <Dialog.Close asChild>{children}</Dialog.Close>
);
