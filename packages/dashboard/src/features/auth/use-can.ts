import { useMe } from './api/get-me.js';

export type Role = 'reader' | 'writer' | 'admin';

const RANK: Record<Role, number> = { reader: 0, writer: 1, admin: 2 };

/** Whether a token of role `have` may call a route that needs `need`, as the API decides it. */
export const roleAllows = (have: Role, need: Role): boolean => RANK[have] >= RANK[need];

/**
 * Whether the signed-in token may do what needs `role`; false while the role is still loading, so
 * controls appear only once they would work.
 *
 * @example
 * const canWrite = useCan('writer');
 * <Switch disabled={!canWrite} … />
 */
export function useCan(role: Role): boolean {
  const { data } = useMe();
  return data ? roleAllows(data.role, role) : false;
}
