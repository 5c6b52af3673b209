import { useNavigate, useParams, useRouteContext } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { CreateDialog } from '../../../components/CreateDialog.js';
import { QueryState } from '../../../components/QueryState.js';
import { TextField } from '../../../components/TextField.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { useCan } from '../../auth/use-can.js';
import { dropDrafts } from '../../flags/model/draft-storage.js';
import { landingPage } from '../api/landing-page.js';
import { useEnvironments } from '../api/list-environments.js';
import { useProjects } from '../api/list-projects.js';
import { useProjectMutations } from '../api/manage-project.js';
import '../../../components/pages.css';

type Project = NonNullable<ReturnType<typeof useProjects>['data']>[number];
type Mutations = ReturnType<typeof useProjectMutations>;

/** `/projects/:project/settings`: the project's name (writers rename it) and its delete (admins). */
export function ProjectSettingsRoute() {
  const { project: key } = useParams({ from: '/projects/$project/settings' });
  const projects = useProjects();
  const canWrite = useCan('writer', key);
  const isAdmin = useCan('admin', key);
  const mutations = useProjectMutations(key);
  const project = projects.data?.find((p) => p.key === key);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Project settings</h1>
      {!project ? (
        <QueryState error={projects.error} label="the project" />
      ) : (
        <>
          <p>
            {project.name} <code className="muted">{project.key}</code>
          </p>
          {canWrite && <RenameProject project={project} mutations={mutations} />}
          {isAdmin && <DeleteProject project={project} mutations={mutations} />}
        </>
      )}
    </section>
  );
}

function RenameProject({ project, mutations }: { project: Project; mutations: Mutations }) {
  const [name, setName] = useState(project.name);
  return (
    <CreateDialog
      trigger={
        <button type="button" className="button">
          Rename
        </button>
      }
      onOpen={() => setName(project.name)}
      title={`Rename ${project.name}`}
      submitLabel="Save name"
      onSubmit={async () => {
        if (name.trim() === project.name) return;
        await mutations.rename.mutateAsync({ version: project.version, name: name.trim() });
      }}
    >
      <TextField label="Name" required value={name} onChange={setName} />
    </CreateDialog>
  );
}

/** What a project's delete takes with it, from its environments as listed. */
function DeleteProject({ project, mutations }: { project: Project; mutations: Mutations }) {
  const { data: environments = [] } = useEnvironments(project.key);
  const navigate = useNavigate();
  const context = useRouteContext({ from: '__root__' });
  const names = environments.map((e) => e.name).join(', ');
  const confirm = async () => {
    await mutations.remove.mutateAsync({ version: project.version });
    dropDrafts(window.localStorage, project.key);
    // Straight to the page `/` would lead to: a redirect on the way would drop the notice.
    const next = await landingPage(context, project.key);
    await navigate({ ...next, state: { notice: `Project ${project.key} was deleted.` } });
    context.queryClient.removeQueries({ queryKey: projectKeys.project(project.key) });
  };
  return (
    <section aria-labelledby="delete-project">
      <h2 id="delete-project">Delete</h2>
      <ConfirmDialog
        trigger={
          <button type="button" className="button button-danger-outline">
            Delete this project
          </button>
        }
        title={`Delete project ${project.name}?`}
        description={
          <p>
            This deletes {project.name} with its {environments.length} environment
            {environments.length === 1 ? '' : 's'}
            {names && ` (${names})`}, every flag and segment in them, and their SDK keys: SDKs using those
            keys stop receiving flags. API tokens scoped to it can no longer read it. This cannot be undone.
          </p>
        }
        typedConfirmation={project.key}
        confirmLabel="Delete project"
        danger
        onConfirm={confirm}
      />
    </section>
  );
}
