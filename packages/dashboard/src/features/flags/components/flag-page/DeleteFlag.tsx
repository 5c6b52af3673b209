import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ConfirmDialog } from '../../../../components/ConfirmDialog.js';
import { projectKeys } from '../../../../lib/query-keys.js';
import { useDeleteFlag } from '../../api/delete-flag.js';
import { dropDrafts } from '../../model/draft-storage.js';
import type { Flag } from '../../model/types.js';

export interface DeleteFlagProps {
  readonly project: string;
  readonly env: string;
  /** The flag as the server has it: only a saved archive makes it deletable. */
  readonly flag: Flag;
  /** Drops what this page holds of the flag (its draft) before the page goes. */
  readonly onDeleted: () => void;
}

/**
 * Deletes an archived flag, as LaunchDarkly does: archiving first keeps a flag still in use from
 * going in one click. The user types the key; the delete is conditional on the version shown, and
 * then the flag list opens saying which flag was deleted.
 */
export function DeleteFlag({ project, env, flag, onDeleted }: DeleteFlagProps) {
  const remove = useDeleteFlag(project);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!flag.archived)
    return (
      <p className="muted">Only an archived flag can be deleted: archive it and save, then delete it here.</p>
    );
  const confirm = async () => {
    await remove.mutateAsync({ flag: flag.key, version: flag.version });
    onDeleted();
    dropDrafts(window.localStorage, project, flag.key);
    // The blocker would ask to keep the draft just dropped, of a flag that is gone.
    await navigate({
      to: '/projects/$project/environments/$env/flags',
      params: { project, env },
      state: { notice: `Flag ${flag.key} was deleted.` },
      ignoreBlocker: true,
    });
    queryClient.removeQueries({ queryKey: projectKeys.flag(project, flag.key) });
  };
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="button button-danger-outline">
          Delete this flag
        </button>
      }
      title={`Delete flag ${flag.name}?`}
      description={
        <p>
          <code>{flag.key}</code> and its targeting in every environment are deleted; SDKs stop receiving it
          and serve the default value their code passes. Its history stays in the audit log. This cannot be
          undone.
        </p>
      }
      typedConfirmation={flag.key}
      confirmLabel="Delete flag"
      danger
      onConfirm={confirm}
    />
  );
}
