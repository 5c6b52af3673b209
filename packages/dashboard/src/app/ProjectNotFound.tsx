import { Link } from '@tanstack/react-router';
import { useProjects } from '../features/settings/api/list-projects.js';

/**
 * What a link to a project that does not exist (or that the token cannot see) opens: says so and
 * lists the projects there are, each a link.
 */
export function ProjectNotFound({ project }: { project: string }) {
  const { data: projects } = useProjects();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Project not found</h1>
      <p>There is no project “{project}”, or your API token cannot see it; it may have been deleted.</p>
      {projects && projects.length > 0 && (
        <>
          <h2>Your projects</h2>
          <ul>
            {projects.map((p) => (
              <li key={p.key}>
                <Link to="/projects/$project" params={{ project: p.key }}>
                  {p.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {projects?.length === 0 && <p className="muted">You have no projects yet.</p>}
    </section>
  );
}
