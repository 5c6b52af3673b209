import * as Dialog from '@radix-ui/react-dialog';
import { useId, useRef } from 'react';
import type { FlagPatchRequest } from '../../model/request.js';

export interface ReviewDialogProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  /** One readable line per change. */
  readonly lines: readonly string[];
  readonly request: FlagPatchRequest;
  /** What keeps the draft from being saved (checked in the browser). */
  readonly problems: readonly string[];
  /** What the API refused, with the field it named. */
  readonly error: string | undefined;
  readonly comment: string;
  readonly onComment: (comment: string) => void;
  readonly saving: boolean;
  readonly onSave: () => void;
  /** Where the focus goes when the dialog closes; by default back to the button that opened it. */
  readonly onCloseAutoFocus?: (event: Event) => void;
}

/** How the request will go out, in words: instructions or JSON Patch, where, conditional on what. */
function describeRequest(request: FlagPatchRequest): string {
  const where = request.env ? `to ${request.env}` : 'to the flag';
  const condition = request.env
    ? `only if ${request.env} is still at version ${request.ifMatch}`
    : `only if the flag is still at version ${request.ifMatch}`;
  const body = request.body;
  return 'instructions' in body
    ? `Sent ${where} as ${body.instructions.length} semantic-patch instruction${body.instructions.length === 1 ? '' : 's'}, ${condition}.`
    : `Sent ${where} as a JSON Patch of ${body.patch.length} operation${body.patch.length === 1 ? '' : 's'}, ${condition}.`;
}

/**
 * "Review and save": the draft's changes in words, the exact request, a comment for the audit log,
 * and what blocks saving.
 */
export function ReviewDialog(props: ReviewDialogProps) {
  const id = useId();
  const { request } = props;
  const blocked = props.problems.length > 0;
  const comment = useRef<HTMLTextAreaElement>(null);
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog"
          aria-describedby={`${id}-summary`}
          // The comment is what the dialog asks for; its first focusable element is the request body's disclosure.
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            comment.current?.focus();
          }}
          onCloseAutoFocus={props.onCloseAutoFocus}
        >
          <Dialog.Title>Review and save</Dialog.Title>
          <div id={`${id}-summary`}>
            <ul className="change-list">
              {props.lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; their order is their identity
                <li key={i}>{line}</li>
              ))}
            </ul>
            <p className="hint">{describeRequest(request)}</p>
          </div>
          <details>
            <summary>Request body</summary>
            <pre className="code">{JSON.stringify(request.body, null, 2)}</pre>
          </details>
          {blocked && (
            <div role="alert" className="notice notice-error">
              <p>Fix these before saving:</p>
              <ul>
                {props.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {props.error && (
            <div role="alert" className="notice notice-error">
              The API refused the change: {props.error}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-comment`}>Comment (kept in the audit log)</label>
            <textarea
              id={`${id}-comment`}
              ref={comment}
              rows={3}
              value={props.comment}
              placeholder="Why this change?"
              onChange={(e) => props.onComment(e.target.value)}
            />
          </div>
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="button">
                Keep editing
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="button button-primary"
              disabled={blocked || props.saving}
              aria-busy={props.saving || undefined}
              onClick={props.onSave}
            >
              {props.saving ? 'Saving…' : 'Save changes'}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
