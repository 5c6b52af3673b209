/** The flag page's tabs, in their order; the open one is in the URL (`?tab=history`) so a link opens it. */
export const FLAG_PAGE_TABS = [
  'targeting',
  'variations',
  'settings',
  'test',
  'history',
  'insights',
  'delivery',
] as const;
export type FlagPageTab = (typeof FLAG_PAGE_TABS)[number];

/**
 * The flag page's search params: `tab`, when it names a tab (anything else opens Targeting).
 *
 * @example
 * validateFlagPageSearch({ tab: 'history' }); // { tab: 'history' }
 */
export function validateFlagPageSearch(search: Record<string, unknown>): { tab?: FlagPageTab } {
  const tab = FLAG_PAGE_TABS.find((t) => t === search.tab);
  return tab && tab !== 'targeting' ? { tab } : {};
}
