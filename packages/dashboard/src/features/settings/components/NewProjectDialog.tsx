import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { CreateDialog } from '../../../components/CreateDialog.js';
import { NameAndKeyFields } from '../../../components/NameAndKeyFields.js';
import type { NamedForm } from '../../../lib/key-from-name.js';
import { STARTER_ENVIRONMENTS, useCreateProject } from '../api/create-project.js';

const empty = { name: '', key: '', keyEdited: false, withEnvironments: true };

/**
 * The "New project" button and form (global admins): name, key (following the name until typed
 * over) and the starter environments; the created project opens.
 */
export function NewProjectDialog() {
  const create = useCreateProject();
  const navigate = useNavigate();
  const [form, setForm] = useState<NamedForm & { withEnvironments: boolean }>(empty);
  const starters = STARTER_ENVIRONMENTS.map((e) => e.name).join(' and ');
  return (
    <CreateDialog
      trigger="New project"
      title="New project"
      submitLabel="Create project"
      onSubmit={async () => {
        const project = await create.mutateAsync(form);
        setForm(empty);
        await navigate({ to: '/projects/$project', params: { project } });
      }}
    >
      <NameAndKeyFields form={form} onChange={setForm} />
      <label>
        <input
          type="checkbox"
          checked={form.withEnvironments}
          onChange={(e) => setForm({ ...form, withEnvironments: e.target.checked })}
        />{' '}
        Create the {starters} environments
      </label>
    </CreateDialog>
  );
}
