/**
 * A callback ref that focuses the first field of its element when it mounts. Given to an item a
 * button has just added (a rule), it puts the keyboard there rather than on the button below it.
 *
 * @example
 * <section ref={rule.id === added ? focusFirstField : undefined}>…</section>
 */
export function focusFirstField(element: HTMLElement | null): void {
  element?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}
