import { ForbiddenError } from '../errors.js';
import type { Principal } from '../services/auth-service.js';
import type { Actor, TokenRecord } from '../services/ports.js';

/** Management routes are declared with an API token, so the caller is always a token. */
export function tokenOf(principal: Principal): TokenRecord {
  if (principal.kind !== 'apiToken') throw new ForbiddenError('Management routes need an API token');
  return principal;
}

export function actorOf(principal: Principal): Actor {
  const { id, name } = tokenOf(principal);
  return { id, name };
}

/** The environment a route's path names. */
export const at = ({ project, env }: { readonly project: string; readonly env: string }) => ({
  project,
  env,
});

export const project = '/api/v1/projects/{project}';
export const environment = `${project}/environments/{env}`;
export const flag = `${project}/flags/{flag}`;
export const segment = `${environment}/segments/{segment}`;
