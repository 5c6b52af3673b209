import type { AuditEntry } from './api/list-audit.js';

const isFlagCreation = (entry: AuditEntry | undefined) =>
  entry?.resource === 'flag' && entry.action === 'create';

/**
 * One flag's entries in one environment with its creation once. Creating a flag writes, in one
 * transaction, an entry for the whole flag and one for each environment; a log narrowed to one
 * environment lists two of them side by side. The environment's is kept: it names the environment
 * and the version it started at, and its targeting can be restored.
 *
 * @example
 * oneCreation([inProduction, wholeFlag]); // [inProduction]
 */
export function oneCreation(entries: readonly AuditEntry[]): AuditEntry[] {
  return entries.filter((entry, i) => {
    if (entry.env !== undefined || !isFlagCreation(entry)) return true;
    const sameCreation = (other: AuditEntry | undefined) =>
      other?.env !== undefined &&
      isFlagCreation(other) &&
      other.key === entry.key &&
      other.actor.id === entry.actor.id;
    return ![entries[i - 1], entries[i + 1]].some(sameCreation);
  });
}
