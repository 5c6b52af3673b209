import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways in its own box when a narrow screen cannot fit it, rather than
 * widening the page. The box is named and focusable, so keyboard users can scroll it too. It is a
 * landmark, so its name must differ from the page's own (axe's landmark-unique): name the table.
 *
 * @example
 * <TableScroll label="API tokens table"><table className="table">…</table></TableScroll>
 */
export function TableScroll({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to scroll by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
