import type { ReactNode } from 'react';

/**
 * A form's primary submit button that keeps the keyboard focus while the form is being sent:
 * `aria-disabled` (styled as disabled), not `disabled`, which drops the focus to the page. The form
 * ignores a submit while `busy`.
 *
 * @example
 * <SubmitButton busy={busy}>Create flag</SubmitButton>
 */
export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
      {children}
    </button>
  );
}
