import * as Dialog from '@radix-ui/react-dialog';
import { ApiError } from '../lib/api-client.js';
import type { ApiResponse } from '../lib/api-response.js';

type AuditEntry = ApiResponse<'/api/v1/projects/{project}/audit', 'get'>['items'][number];

/** A save that met a newer version (409), as the dialog shows it. */
export interface Conflict<T> {
  /** The resource as the server has it now. */
  readonly fresh: T;
  /** What they changed, one line each (the new version against the editor's base). */
  readonly theirs: readonly string[];
  /** Their audit entries: who, when, and the comment. */
  readonly entries: readonly AuditEntry[];
  /** The user's changes, one line each. */
  readonly mine: readonly string[];
}

/**
 * When `error` is the API's 409 for a stale `If-Match`, what the conflict dialog shows: the resource
 * read again, their audit entries (none when the log cannot be read) and both sides' changes.
 * Anything else is `undefined`, for the caller to show as it would.
 *
 * @example
 * const conflict = await conflictOf(error, {
 *   reload: () => getFlag(api, 'web', 'checkout'),
 *   entries: () => changesSince(api, 'web', { flag: 'checkout' }, (e) => isNewer(e)),
 *   theirs: (fresh) => describeDifference(base, fresh),
 *   mine: lines,
 * });
 * if (conflict) setConflict(conflict);
 */
export async function conflictOf<T>(
  error: unknown,
  load: {
    reload: () => Promise<T>;
    entries: () => Promise<readonly AuditEntry[]>;
    theirs: (fresh: T) => readonly string[];
    mine: readonly string[];
  },
): Promise<Conflict<T> | undefined> {
  if (!(error instanceof ApiError && error.status === 409)) return undefined;
  const fresh = await load.reload();
  const entries = await load.entries().catch(() => []);
  return { fresh, entries, theirs: load.theirs(fresh), mine: load.mine };
}

/**
 * What an editor of a flag or segment says above the form: that the version on the server moved past
 * the one being edited (a save will meet the conflict dialog), and what the last save, re-apply or
 * discard did.
 *
 * @example
 * <EditNotices resource="flag" stale={draft.stale} notice={notice} />
 */
export function EditNotices({
  resource,
  stale,
  notice,
}: {
  resource: 'flag' | 'segment';
  stale: boolean;
  notice: string | undefined;
}) {
  return (
    <>
      {stale && (
        <p className="notice" role="status">
          Someone changed this {resource} after you started editing. Saving will show what they changed.
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}

/**
 * "Someone changed this flag" (or segment): shown when a save answers 409. Re-apply moves the user's
 * changes onto the new version, for them to review and save again; discard drops them and shows the
 * new version.
 *
 * @example
 * <ConflictDialog resource="segment" conflict={conflict} onReapply={reapply} onDiscard={discard}
 *   onClose={() => setConflict(undefined)} />
 */
export function ConflictDialog({
  resource,
  conflict,
  onReapply,
  onDiscard,
  onClose,
  onCloseAutoFocus,
}: {
  /** What was edited, as the title names it. */
  resource: 'flag' | 'segment';
  conflict: Conflict<unknown> | undefined;
  onReapply: () => void;
  onDiscard: () => void;
  onClose: () => void;
  /** Where the focus goes once the dialog closes; by default back to the control that opened it. */
  onCloseAutoFocus?: (event: Event) => void;
}) {
  return (
    <Dialog.Root open={conflict !== undefined} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog" onCloseAutoFocus={onCloseAutoFocus}>
          <Dialog.Title>Someone changed this {resource}</Dialog.Title>
          <Dialog.Description>
            The {resource} changed after you started editing, so your changes were not saved. Nothing was
            lost: re-apply them on top of the new version and review again, or discard them.
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
