import * as Dialog from '@radix-ui/react-dialog';
import * as Tabs from '@radix-ui/react-tabs';
import { useQueryClient } from '@tanstack/react-query';
import { useBlocker } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import {
  type Conflict,
  ConflictDialog,
  conflictOf,
  EditNotices,
} from '../../../../components/ConflictDialog.js';
import { ApiError } from '../../../../lib/api-client.js';
import { useApi } from '../../../../lib/api-context.js';
import { projectKeys } from '../../../../lib/query-keys.js';
import { changesSince } from '../../../history/api/list-audit.js';
import { useFlagVariations } from '../../api/flag-variations.js';
import { getFlag } from '../../api/get-flag.js';
import { usePatchFlag } from '../../api/patch-flag.js';
import { useSegmentChoices } from '../../api/segment-choices.js';
import type { Change } from '../../model/changes.js';
import { patchRequestFor } from '../../model/request.js';
import { describeChange, describeDifference } from '../../model/summary.js';
import type { AuditEntry, Flag } from '../../model/types.js';
import { draftProblems, type Problem, problemAt } from '../../model/validate.js';
import { UnreadText } from '../targeting/fields.js';
import { TargetingEditor } from '../targeting/TargetingEditor.js';
import { CopyFlag } from './CopyFlag.js';
import { DeleteFlag } from './DeleteFlag.js';
import { FlagSettings } from './FlagSettings.js';
import { ReviewDialog } from './ReviewDialog.js';
import { TestContextPanel } from './TestContextPanel.js';
import type { FlagPageTab } from './tabs.js';
import { useFlagDraft } from './use-flag-draft.js';
import { VariationsEditor } from './VariationsEditor.js';
import '../../../../components/pages.css';
import '../../../../components/editor.css';
import './flag-page.css';

// Loaded when their tab opens, so the diff and chart libraries stay out of the flag page's chunk.
const FlagHistory = lazy(() =>
  import('../../../history/components/FlagHistory.js').then((m) => ({ default: m.FlagHistory })),
);
const FlagInsights = lazy(() =>
  import('../../../insights/components/FlagInsights.js').then((m) => ({ default: m.FlagInsights })),
);
const FlagDeliveries = lazy(() =>
  import('../../../deliveries/components/FlagDeliveries.js').then((m) => ({ default: m.FlagDeliveries })),
);

export interface FlagPageProps {
  readonly project: string;
  readonly env: string;
  readonly envName: string;
  /** The flag as the server has it now. */
  readonly server: Flag;
  readonly canWrite: boolean;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The open tab (the route keeps it in the URL). */
  readonly tab: FlagPageTab;
  readonly onTabChange: (tab: FlagPageTab) => void;
}

/** Their audit entries since the draft's base: newer flag versions, or newer versions of this environment. */
const newerThan = (base: Flag, env: string) => (entry: AuditEntry) => {
  const after = entry.after as { version?: number } | undefined;
  const version = after?.version ?? 0;
  if (entry.env === undefined) return version > base.version;
  return entry.env === env && version > (base.environments[env]?.version ?? 0);
};

/**
 * The flag page: header, targeting of the environment in the URL, variations, settings, "test a
 * context", and the flag's history and insights in this environment. Edits build a draft (kept in `localStorage`); "Review and save" sends it as one change
 * with a comment, conditional on the version it started from.
 */
export function FlagPage({
  project,
  env,
  envName,
  server,
  canWrite,
  storage,
  tab,
  onTabChange,
}: FlagPageProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const draft = useFlagDraft(project, server, env, storage);
  const flag = draft.flag;
  const { data: segments = [] } = useSegmentChoices(project, env);
  const save = usePatchFlag(project, flag.key);
  const [reviewing, setReviewing] = useState(false);
  const [comment, setComment] = useState('');
  const [apiProblems, setApiProblems] = useState<Problem[]>([]);
  const [saveError, setSaveError] = useState<string>();
  const [conflict, setConflict] = useState<Conflict<Flag>>();
  const [notice, setNotice] = useState<string>();
  const title = useRef<HTMLHeadingElement>(null);
  // A save or a discard empties the draft, and its bar with the button that opened the dialog goes
  // too: the focus goes on from the flag's heading.
  const toHeadingWithoutDraft = (event: Event) => {
    if (draft.changes.length > 0) return;
    event.preventDefault();
    title.current?.focus();
  };

  const problems = useMemo(() => draftProblems(flag, draft.base, env), [flag, draft.base, env]);
  // Text the draft could not take (a percentage or a variation's JSON that does not read), by field.
  const [unread, setUnread] = useState<Record<string, string>>({});
  const reportUnread = useCallback(
    (field: string, problem: string | undefined) =>
      // Every field reports when it mounts: only a change re-renders the page.
      setUnread((unread) => {
        if (unread[field] === problem) return unread;
        const { [field]: _previous, ...rest } = unread;
        return problem ? { ...rest, [field]: problem } : rest;
      }),
    [],
  );
  const toFix = [...problems.map((p) => p.message), ...Object.values(unread)];
  const request = useMemo(
    () => patchRequestFor(draft.base, flag, env, [...draft.changes], comment),
    [draft.base, flag, env, draft.changes, comment],
  );
  const variationsOf = useFlagVariations(
    project,
    draft.changes.flatMap((c) => (c.kind === 'addPrerequisite' ? [c.key] : [])),
  );
  const lines = draft.changes.map((c) => describeChange(flag, env, c, variationsOf));

  const blocker = useBlocker({
    // Another tab of this page (a search change) keeps the draft on screen; leaving the page does not.
    shouldBlockFn: ({ current, next }) => draft.dirty && current.pathname !== next.pathname,
    enableBeforeUnload: () => draft.dirty,
    withResolver: true,
  });

  const dispatch = (change: Change) => {
    setApiProblems([]);
    setNotice(undefined);
    draft.dispatch(change);
  };

  const onSave = async () => {
    setSaveError(undefined);
    try {
      await save.mutateAsync(request);
      draft.discard();
      setReviewing(false);
      setComment('');
      setApiProblems([]);
      setNotice('Saved.');
    } catch (error) {
      const found = await conflictOf(error, {
        reload: () => getFlag(api, project, flag.key),
        entries: () => changesSince(api, project, { flag: flag.key }, newerThan(draft.base, env)),
        theirs: (fresh) => describeDifference(draft.base, fresh),
        mine: lines,
      });
      if (found) {
        setReviewing(false);
        setConflict(found);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      const field = error instanceof ApiError ? error.body?.error.field : undefined;
      const instructions = 'instructions' in request.body ? request.body.instructions : [];
      setApiProblems([
        problemAt(field, message, {
          draft: flag,
          env,
          ruleIdOfInstruction: (i) => {
            const instruction = instructions[i] as { ruleId?: string; rule?: { id?: string } } | undefined;
            return instruction?.ruleId ?? instruction?.rule?.id;
          },
        }),
      ]);
      setSaveError(field ? `${message} (${field})` : message);
    }
  };

  const reapply = () => {
    if (!conflict) return;
    const dropped = draft.rebase(conflict.fresh);
    queryClient.setQueryData(projectKeys.flag(project, flag.key), conflict.fresh);
    setConflict(undefined);
    setNotice(
      dropped.length > 0
        ? `Re-applied onto the new version; ${dropped.length} change(s) no longer fit and were dropped: ${dropped
            .map((d) => `${describeChange(conflict.fresh, env, d.change, variationsOf)} (${d.reason})`)
            .join('; ')}.`
        : 'Your changes were re-applied onto the new version. Review them again.',
    );
    setReviewing(dropped.length === 0);
  };

  const discard = () => {
    if (conflict) queryClient.setQueryData(projectKeys.flag(project, flag.key), conflict.fresh);
    draft.discard();
    setConflict(undefined);
    setApiProblems([]);
    setNotice('Your changes were discarded.');
  };

  const config = flag.environments[env];
  // A problem of one variation is shown at its value; the others under the settings.
  const settingsErrors = apiProblems
    .filter((p) => p.section === 'settings' || (p.section === 'variations' && p.variation === undefined))
    .map((p) => p.message);
  return (
    <section className="page flag-page" aria-labelledby="flag-title">
      <header className="flag-header">
        <div>
          <h1 id="flag-title" ref={title} tabIndex={-1}>
            {flag.name}
          </h1>
          <p>
            <code>{flag.key}</code> <span className="badge">{flag.kind}</span>{' '}
            <span className="badge">{flag.temporary ? 'temporary' : 'permanent'}</span>{' '}
            {flag.archived && <span className="badge badge-warning">archived</span>}{' '}
            {config && (
              <span className={`badge ${config.on ? 'badge-on' : ''}`}>
                {config.on ? 'On' : 'Off'} in {envName}
              </span>
            )}
          </p>
          {flag.description && <p>{flag.description}</p>}
          <p className="muted">
            {flag.tags.length > 0 ? `Tags: ${flag.tags.join(', ')}` : 'No tags'} · Maintainer:{' '}
            {flag.maintainer ?? 'none'}
          </p>
        </div>
        {canWrite && <CopyFlag project={project} env={env} flag={server} onCopied={setNotice} />}
      </header>

      {!canWrite && (
        <p className="notice" role="note">
          Your role can read this flag but not change it.
        </p>
      )}
      <EditNotices resource="flag" stale={draft.stale} notice={notice} />

      {canWrite && draft.changes.length > 0 && (
        <section className="draft-bar" aria-label="Unsaved changes">
          <span>
            {draft.dirty
              ? `${draft.changes.length} unsaved change${draft.changes.length === 1 ? '' : 's'}`
              : 'No net change'}
            {toFix.length > 0 ? ` · ${toFix.length} to fix` : ''}
          </span>
          <button type="button" className="button" onClick={discard}>
            Discard
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!draft.dirty}
            onClick={() => {
              setSaveError(undefined);
              setReviewing(true);
            }}
          >
            Review and save
          </button>
        </section>
      )}

      <Tabs.Root value={tab} onValueChange={(value) => onTabChange(value as FlagPageTab)} className="tabs">
        <Tabs.List aria-label="Flag sections" className="tab-list">
          <Tabs.Trigger value="targeting">Targeting</Tabs.Trigger>
          <Tabs.Trigger value="variations">Variations</Tabs.Trigger>
          <Tabs.Trigger value="settings">Settings</Tabs.Trigger>
          <Tabs.Trigger value="test">Test a context</Tabs.Trigger>
          <Tabs.Trigger value="history">History</Tabs.Trigger>
          <Tabs.Trigger value="insights">Insights</Tabs.Trigger>
          <Tabs.Trigger value="delivery">Delivery</Tabs.Trigger>
        </Tabs.List>
        <UnreadText.Provider value={reportUnread}>
          <fieldset className="editor" disabled={!canWrite}>
            <legend className="visually-hidden">{canWrite ? 'Edit the flag' : 'The flag (read-only)'}</legend>
            <Tabs.Content value="targeting">
              <TargetingEditor
                project={project}
                env={env}
                envName={envName}
                flag={flag}
                segments={segments}
                apiProblems={apiProblems}
                dispatch={dispatch}
              />
            </Tabs.Content>
            <Tabs.Content value="variations">
              <VariationsEditor flag={flag} dispatch={dispatch} problems={[...problems, ...apiProblems]} />
            </Tabs.Content>
            <Tabs.Content value="settings">
              <FlagSettings flag={flag} dispatch={dispatch} errors={settingsErrors} />
              {canWrite && <DeleteFlag project={project} env={env} flag={server} onDeleted={draft.discard} />}
            </Tabs.Content>
          </fieldset>
        </UnreadText.Provider>
        <Tabs.Content value="test">
          <TestContextPanel project={project} env={env} flag={server} />
        </Tabs.Content>
        <Tabs.Content value="history">
          <Suspense fallback={<p className="muted">Loading history…</p>}>
            <FlagHistory project={project} flag={flag.key} env={env} />
          </Suspense>
        </Tabs.Content>
        <Tabs.Content value="insights">
          <Suspense fallback={<p className="muted">Loading insights…</p>}>
            <FlagInsights project={project} flag={flag.key} env={env} />
          </Suspense>
        </Tabs.Content>
        <Tabs.Content value="delivery">
          <Suspense fallback={<p className="muted">Loading deliveries…</p>}>
            <FlagDeliveries project={project} flag={flag.key} env={env} />
          </Suspense>
        </Tabs.Content>
      </Tabs.Root>

      <ReviewDialog
        open={reviewing}
        onOpenChange={setReviewing}
        lines={lines}
        request={request}
        problems={toFix}
        error={saveError}
        comment={comment}
        onComment={setComment}
        saving={save.isPending}
        onSave={() => void onSave()}
        onCloseAutoFocus={toHeadingWithoutDraft}
      />
      <ConflictDialog
        resource="flag"
        conflict={conflict}
        onReapply={reapply}
        onDiscard={discard}
        onClose={() => setConflict(undefined)}
        onCloseAutoFocus={toHeadingWithoutDraft}
      />
      <Dialog.Root open={blocker.status === 'blocked'} onOpenChange={(open) => !open && blocker.reset?.()}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog">
            <Dialog.Title>Leave with unsaved changes?</Dialog.Title>
            <Dialog.Description>
              Your draft of {flag.key} in {envName} is not saved. It stays in this browser and comes back when
              you return to this flag.
            </Dialog.Description>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => blocker.reset?.()}>
                Stay
              </button>
              <button type="button" className="button button-primary" onClick={() => blocker.proceed?.()}>
                Leave
              </button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </section>
  );
}
