import * as Dialog from '@radix-ui/react-dialog';
import type { AuditEntry } from '../../model/types.js';

export interface Conflict {
  /** What they changed, one line each (the new version against the draft's base). */
  readonly theirs: readonly string[];
  /** Their audit entries: who, when, and the comment. */
  readonly entries: readonly AuditEntry[];
  /** The draft's changes, one line each. */
  readonly mine: readonly string[];
}

/**
 * "Someone changed this flag": shown when a save answers 409. Re-apply moves the draft onto the new
 * version (and reopens the review); discard drops it and shows the new version.
 */
export function ConflictDialog({
  conflict,
  onReapply,
  onDiscard,
  onClose,
}: {
  conflict: Conflict | undefined;
  onReapply: () => void;
  onDiscard: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog.Root open={conflict !== undefined} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog">
          <Dialog.Title>Someone changed this flag</Dialog.Title>
          <Dialog.Description>
            The flag changed after you started editing, so your changes were not saved. Nothing was lost:
            re-apply them on top of the new version and review again, or discard them.
          </Dialog.Description>
          {conflict && (
            <>
              {conflict.entries.length > 0 && (
                <ul className="plain-list audit-entries">
                  {conflict.entries.map((entry) => (
                    <li key={entry.id}>
                      <strong>{entry.actor.name}</strong> at {new Date(entry.time).toLocaleString()}
                      {entry.env ? ` in ${entry.env}` : ''}
                      {entry.comment ? `: “${entry.comment}”` : ' (no comment)'}
                    </li>
                  ))}
                </ul>
              )}
              <h3>Their change</h3>
              <ul className="change-list">
                {conflict.theirs.length === 0 && <li>Only versions changed.</li>}
                {conflict.theirs.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; their order is their identity
                  <li key={i}>{line}</li>
                ))}
              </ul>
              <h3 className="conflict-mine">Your changes</h3>
              <ul className="change-list">
                {conflict.mine.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; their order is their identity
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" className="button button-danger" onClick={onDiscard}>
              Discard my changes
            </button>
            <button type="button" className="button button-primary" onClick={onReapply}>
              Re-apply my changes
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
