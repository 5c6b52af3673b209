import { int, type PathIssue, record, refined, strictObject } from '@switchboard/core/schema';
import * as v from 'valibot';
import { isoDateTime } from './iso-date-time.js';
import { expiryHours, name, resourceKey } from './schemas.js';

/**
 * The API token routes' schemas, apart from `schemas.ts`: only the function that manages tokens
 * validates with them, and esbuild keeps every top-level schema of a module it bundles.
 */

export const roleSchema = v.picklist(['reader', 'writer', 'admin']);

/** How many projects one scoped token may name: bounded so a listing stays one filtered Query. */
export const MAX_TOKEN_PROJECTS = 50;

/** A project-scoped token's role per project key. */
export const projectRolesSchema = v.pipe(
  record(resourceKey, roleSchema),
  v.check((roles) => Object.keys(roles).length > 0, 'must name at least one project'),
  v.check(
    (roles) => Object.keys(roles).length <= MAX_TOKEN_PROJECTS,
    `must name at most ${MAX_TOKEN_PROJECTS} projects`,
  ),
  v.description('Role per project key; the token can use no other project and no global route'),
);

/** A token has exactly one of these: a global `role`, or `projects` with a role in each. */
export const tokenScope = {
  role: v.optional(
    v.pipe(roleSchema, v.description('Global role: applies to every project and the global routes')),
  ),
  projects: v.optional(projectRolesSchema),
};

/** A token names a global role or projects, and an expiry by date or in days, never both. */
function tokenScopeIssues(input: {
  role?: unknown;
  projects?: unknown;
  expiresAt?: unknown;
  expiresInDays?: unknown;
}): PathIssue[] {
  const issues: PathIssue[] = [];
  if (input.role !== undefined && input.projects !== undefined)
    issues.push({ path: ['projects'], message: 'give a global role or projects, not both' });
  if (input.role === undefined && input.projects === undefined)
    issues.push({ path: ['role'], message: 'give a global role or projects' });
  if (input.expiresAt !== undefined && input.expiresInDays !== undefined)
    issues.push({ path: ['expiresInDays'], message: 'give expiresAt or expiresInDays, not both' });
  return issues;
}

export const createTokenSchema = refined(
  strictObject({
    name,
    ...tokenScope,
    expiresAt: v.optional(v.pipe(isoDateTime, v.description('When the token stops working'))),
    expiresInDays: v.optional(
      v.pipe(
        int(),
        v.minValue(1),
        v.maxValue(3650),
        v.description('Days until the token stops working (instead of expiresAt)'),
      ),
    ),
  }),
  tokenScopeIssues,
);
export type CreateToken = v.InferOutput<typeof createTokenSchema>;
export const rotateTokenSchema = strictObject({
  expiryHours: expiryHours(
    0,
    'Hours during which the previous secret keeps working; 0 (the default) stops it at once',
  ),
});
