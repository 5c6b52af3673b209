/** The History page's filters, in its URL so Back restores them and a link shares them. */
export interface HistorySearch {
  /** One flag's entries (exact key). */
  readonly flag?: string;
  /** Every environment's entries, not only the current one's. */
  readonly all?: true;
}

/**
 * Reads `?flag=&all=true`.
 *
 * @example
 * validateHistorySearch({ flag: 'checkout', all: 'true' }); // { flag: 'checkout', all: true }
 */
export function validateHistorySearch(search: Record<string, unknown>): HistorySearch {
  return {
    ...(typeof search.flag === 'string' && search.flag !== '' ? { flag: search.flag } : {}),
    ...(search.all === true || search.all === 'true' ? { all: true } : {}),
  };
}
