import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type ReactNode, useId, useState } from 'react';
import './pages.css';

export interface ConfirmDialogProps {
  /** The button that opens the dialog; its label names the action. */
  readonly trigger: ReactNode;
  readonly title: string;
  readonly description: ReactNode;
  readonly confirmLabel: string;
  /** When set, the confirm button stays disabled until the user has typed this text. */
  readonly typedConfirmation?: string;
  /** Runs on confirm; the dialog stays open (with the error shown) when it throws. */
  readonly onConfirm: () => Promise<unknown>;
  readonly danger?: boolean;
}

/**
 * A confirmation for an action that changes or destroys something, on Radix's alert dialog (focus
 * trapped, Escape cancels, the cancel button has focus first).
 *
 * @example
 * <ConfirmDialog
 *   trigger={<button type="button" className="button">Delete</button>}
 *   title="Delete staging?" description="Flags lose their staging configuration."
 *   confirmLabel="Delete" typedConfirmation="staging" onConfirm={() => remove.mutateAsync()} danger
 * />
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const ready = props.typedConfirmation === undefined || typed === props.typedConfirmation;

  const confirm = async (event: React.MouseEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      setOpen(false);
      setTyped('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setTyped('');
          setError(undefined);
        }
      }}
    >
      <AlertDialog.Trigger asChild>{props.trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>{props.title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="dialog-description">{props.description}</div>
          </AlertDialog.Description>
          {props.typedConfirmation !== undefined && (
            <p className="field">
              <label htmlFor={inputId}>
                Type <code>{props.typedConfirmation}</code> to confirm
              </label>
              <input
                id={inputId}
                value={typed}
                autoComplete="off"
                onChange={(e) => setTyped(e.target.value)}
              />
            </p>
          )}
          {error && (
            <p role="alert" className="notice notice-error">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button">
                Cancel
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button
                type="button"
                className={props.danger ? 'button button-danger' : 'button button-primary'}
                disabled={!ready || busy}
                onClick={confirm}
              >
                {props.confirmLabel}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
