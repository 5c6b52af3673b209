import { useCallback, useMemo, useState } from 'react';
import { applyChanges, type Change, record } from '../../model/changes.js';
import { draftStorage, type StoredDraft } from '../../model/draft-storage.js';
import { jsonPatchBetween } from '../../model/request.js';
import type { Flag } from '../../model/types.js';

export interface FlagDraft {
  /** The version the draft started from (the server's flag while there are no changes). */
  readonly base: Flag;
  readonly changes: readonly Change[];
  /** `base` with the changes applied: what the page shows. */
  readonly flag: Flag;
  /** Whether the draft differs from its base (changes that cancel out do not count). */
  readonly dirty: boolean;
  /** The server's flag is newer than the draft's base. */
  readonly stale: boolean;
  readonly dispatch: (change: Change) => void;
  readonly discard: () => void;
  /** Moves the draft onto `fresh`, re-applying its changes; returns those that no longer fit. */
  readonly rebase: (fresh: Flag) => ReturnType<typeof applyChanges>['dropped'];
}

const NO_CHANGES: readonly Change[] = [];

const envVersion = (flag: Flag, env: string) => flag.environments[env]?.version;

/**
 * The draft of one flag in one environment: edits accumulate as a change log on top of the version
 * they started from, kept in `localStorage` until saved or discarded.
 *
 * @example
 * const draft = useFlagDraft('web', server, 'production');
 * draft.dispatch({ kind: 'turnFlagOn' });
 */
export function useFlagDraft(
  project: string,
  server: Flag,
  env: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = window.localStorage,
): FlagDraft {
  const drafts = useMemo(() => draftStorage(storage), [storage]);
  // The page is keyed by flag and environment, so this state belongs to one draft.
  const [current, setStored] = useState<StoredDraft | undefined>(() => drafts.load(project, server.key, env));
  const base = current?.base ?? server;
  const changes = current?.changes ?? NO_CHANGES;
  const flag = useMemo(() => applyChanges(base, env, changes).flag, [base, env, changes]);
  const dirty = useMemo(
    () => changes.length > 0 && jsonPatchBetween(base, flag).length > 0,
    [base, flag, changes],
  );

  const save = useCallback(
    (next: StoredDraft | undefined) => {
      if (next && next.changes.length > 0) drafts.save(project, server.key, env, next);
      else drafts.clear(project, server.key, env);
      setStored(next && next.changes.length > 0 ? next : undefined);
    },
    [drafts, project, server.key, env],
  );

  const dispatch = useCallback(
    (change: Change) => save({ base, changes: record(changes, change, base.variations.length) }),
    [save, base, changes],
  );
  const discard = useCallback(() => save(undefined), [save]);
  const rebase = useCallback(
    (fresh: Flag) => {
      const { dropped } = applyChanges(fresh, env, changes);
      save({ base: fresh, changes: changes.filter((c) => !dropped.some((d) => d.change === c)) });
      return dropped;
    },
    [save, env, changes],
  );
  const stale =
    current !== undefined &&
    (server.version !== base.version || envVersion(server, env) !== envVersion(base, env));
  return { base, changes, flag, dirty, stale, dispatch, discard, rebase };
}
