import { useId, useState } from 'react';
import { CreateDialog } from '../../../../components/CreateDialog.js';
import { useEnvironments } from '../../../settings/api/list-environments.js';
import { useCopyFlag } from '../../api/copy-flag.js';
import { type CopyAction, copyParts, copyRequestFor, differingActions } from '../../model/copy.js';
import type { Flag } from '../../model/types.js';

export interface CopyFlagProps {
  readonly project: string;
  /** The environment whose saved settings are copied: the page's. */
  readonly env: string;
  /** The flag as the server has it (a draft is not copied). */
  readonly flag: Flag;
  /** Told what was copied where, once the API has answered. */
  readonly onCopied: (notice: string) => void;
}

const ALL = copyParts.map((p) => p.action);

/**
 * "Copy to another environment…": promotes this environment's saved settings (staging →
 * production), all parts or those ticked, conditional on both environments' versions shown.
 */
export function CopyFlag({ project, env, flag, onCopied }: CopyFlagProps) {
  const id = useId();
  const { data: environments = [] } = useEnvironments(project);
  const targets = environments.filter((e) => e.key !== env && flag.environments[e.key]);
  const [target, setTarget] = useState<string>();
  const [actions, setActions] = useState<readonly CopyAction[]>(ALL);
  const [comment, setComment] = useState('');
  const copy = useCopyFlag(project, flag.key);
  const chosen = target ?? targets[0]?.key;
  if (!chosen) return null;
  const nameOf = (key: string) => environments.find((e) => e.key === key)?.name ?? key;
  const differs = new Set(differingActions(flag, env, chosen));
  const changing = copyParts
    .filter(({ action }) => differs.has(action) && actions.includes(action))
    .map(({ label }) => label);
  const startAgain = () => {
    setTarget(undefined);
    setActions(ALL);
    setComment('');
  };
  const submit = async () => {
    await copy.mutateAsync(copyRequestFor(flag, env, chosen, actions, comment));
    onCopied(`Copied the settings of ${nameOf(env)} to ${nameOf(chosen)}.`);
  };
  const toggle = (action: CopyAction, on: boolean) =>
    setActions(on ? [...actions, action] : actions.filter((a) => a !== action));
  return (
    <CreateDialog
      trigger={
        <button type="button" className="button">
          Copy to another environment…
        </button>
      }
      onOpen={startAgain}
      title="Copy to another environment"
      submitLabel="Copy"
      onSubmit={submit}
    >
      <p className="hint">Copies the saved settings of {nameOf(env)}, not unsaved changes.</p>
      <label htmlFor={`${id}-target`}>Target environment</label>
      <select id={`${id}-target`} value={chosen} onChange={(e) => setTarget(e.target.value)}>
        {targets.map((e) => (
          <option key={e.key} value={e.key}>
            {e.name}
          </option>
        ))}
      </select>
      <fieldset className="copy-parts">
        <legend>Parts to copy</legend>
        {copyParts.map(({ action, label }) => (
          <label key={action}>
            <input
              type="checkbox"
              checked={actions.includes(action)}
              onChange={(e) => toggle(action, e.target.checked)}
            />{' '}
            {label} {differs.has(action) ? '(differs)' : '(same)'}
          </label>
        ))}
      </fieldset>
      <p role="status">
        {changing.length === 0
          ? `Nothing to change in ${nameOf(chosen)}.`
          : `Will change in ${nameOf(chosen)}: ${changing.join(', ')}`}
      </p>
      <label htmlFor={`${id}-comment`}>Comment</label>
      <input id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} />
    </CreateDialog>
  );
}
