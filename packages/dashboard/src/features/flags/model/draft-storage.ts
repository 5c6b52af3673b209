import type { Change } from './changes.js';
import type { Flag } from './types.js';

/** An unsaved draft: the version it started from and the changes made to it. */
export interface StoredDraft {
  readonly base: Flag;
  readonly changes: Change[];
}

type DraftStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * `/` separates the parts: keys may hold dots (`a.b`), never a slash, and each part is encoded, so
 * a draft's key and a project's or flag's prefix are never another's.
 */
const prefixOf = (...parts: string[]) =>
  `switchboard.draft/${parts.map((p) => `${encodeURIComponent(p)}/`).join('')}`;
const keyOf = (project: string, flag: string, env: string) => prefixOf(project, flag, env);

/** Where drafts were kept before: dot-separated, so `web/a.b/prod` and `web/a/b.prod` shared one. */
const legacyKeyOf = (project: string, flag: string, env: string) =>
  `switchboard.draft.${encodeURIComponent(project)}.${encodeURIComponent(flag)}.${encodeURIComponent(env)}`;

function parse(raw: string | null): StoredDraft | undefined {
  try {
    const parsed = raw ? (JSON.parse(raw) as StoredDraft) : undefined;
    return parsed && Array.isArray(parsed.changes) && parsed.base ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Unsaved drafts, one per flag and environment, in `localStorage` so they survive a reload or a
 * closed tab (they hold targeting, never the API token).
 *
 * @example
 * const drafts = draftStorage(localStorage);
 * drafts.save('web', 'checkout', 'production', { base, changes });
 */
export function draftStorage(storage: DraftStore) {
  /** A draft kept under the old key moves to the new one, if it is this flag's. */
  const legacy = (project: string, flag: string, env: string): StoredDraft | undefined => {
    const draft = parse(storage.getItem(legacyKeyOf(project, flag, env)));
    if (draft?.base.key !== flag) return undefined;
    storage.setItem(keyOf(project, flag, env), JSON.stringify(draft));
    storage.removeItem(legacyKeyOf(project, flag, env));
    return draft;
  };
  return {
    load(project: string, flag: string, env: string): StoredDraft | undefined {
      return parse(storage.getItem(keyOf(project, flag, env))) ?? legacy(project, flag, env);
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

/**
 * Drops the drafts of a deleted project, or of one deleted flag of it, in every environment: a flag
 * created later with the same key must not open with them.
 */
export function dropDrafts(
  storage: Pick<Storage, 'key' | 'length' | 'removeItem'>,
  project: string,
  flag?: string,
): void {
  const prefix = flag === undefined ? prefixOf(project) : prefixOf(project, flag);
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
  for (const key of keys) if (key?.startsWith(prefix)) storage.removeItem(key);
}
