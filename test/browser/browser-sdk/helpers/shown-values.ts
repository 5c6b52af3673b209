import type { Page } from 'playwright-core';

/**
 * Records every text the page's `#value` element shows, from before any script runs (the server's
 * HTML included), for {@link shownValues}. Give it to `page.addInitScript`.
 */
export function recordShownValues(): void {
  const seen: string[] = [];
  (window as unknown as { __seen: string[] }).__seen = seen;
  new MutationObserver(() => {
    const text = document.getElementById('value')?.textContent ?? '';
    if (text !== '' && seen.at(-1) !== text) seen.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** The texts `#value` showed so far, in order, without repeats. */
export const shownValues = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
