import { type Me, useMe } from './api/get-me.js';

export type Role = 'reader' | 'writer' | 'admin';

const RANK: Record<Role, number> = { reader: 0, writer: 1, admin: 2 };

/** Whether a token of role `have` may call a route that needs `need`, as the API decides it. */
export const roleAllows = (have: Role, need: Role): boolean => RANK[have] >= RANK[need];

/**
 * The role a token holds in `project` (its global role, or its role for that project when it is
 * project-scoped), or outside any project (`undefined`): only a global role counts there.
 *
 * @example
 * roleIn({ id: 't', name: 'CI', projects: { web: 'writer' } }, 'web'); // 'writer'
 * roleIn({ id: 't', name: 'CI', projects: { web: 'writer' } }, undefined); // undefined
 */
export function roleIn(me: Pick<Me, 'role' | 'projects'>, project: string | undefined): Role | undefined {
  if (me.role) return me.role;
  if (project === undefined || !me.projects || !Object.hasOwn(me.projects, project)) return undefined;
  return me.projects[project];
}

/**
 * Whether the signed-in token may do what needs `role` in `project` (or, without one, globally);
 * false while the token is still loading, so controls appear only once they would work.
 *
 * @example
 * const canWrite = useCan('writer', project);
 * <Switch disabled={!canWrite} … />
 */
export function useCan(role: Role, project?: string): boolean {
  const { data } = useMe();
  const held = data && roleIn(data, project);
  return held ? roleAllows(held, role) : false;
}
