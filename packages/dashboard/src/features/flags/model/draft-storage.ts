import type { Change } from './changes.js';
import type { Flag } from './types.js';

/** An unsaved draft: the version it started from and the changes made to it. */
export interface StoredDraft {
  readonly base: Flag;
  readonly changes: Change[];
}

const keyOf = (project: string, flag: string, env: string) =>
  `switchboard.draft.${encodeURIComponent(project)}.${encodeURIComponent(flag)}.${encodeURIComponent(env)}`;

/**
 * Unsaved drafts, one per flag and environment, in `localStorage` so they survive a reload or a
 * closed tab (they hold targeting, never the API token).
 *
 * @example
 * const drafts = draftStorage(localStorage);
 * drafts.save('web', 'checkout', 'production', { base, changes });
 */
export function draftStorage(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
  return {
    load(project: string, flag: string, env: string): StoredDraft | undefined {
      try {
        const raw = storage.getItem(keyOf(project, flag, env));
        const parsed = raw ? (JSON.parse(raw) as StoredDraft) : undefined;
        return parsed && Array.isArray(parsed.changes) && parsed.base ? parsed : undefined;
      } catch {
        return undefined;
      }
    },
    save(project: string, flag: string, env: string, draft: StoredDraft): void {
      if (draft.changes.length === 0) storage.removeItem(keyOf(project, flag, env));
      else storage.setItem(keyOf(project, flag, env), JSON.stringify(draft));
    },
    clear(project: string, flag: string, env: string): void {
      storage.removeItem(keyOf(project, flag, env));
    },
  };
}
