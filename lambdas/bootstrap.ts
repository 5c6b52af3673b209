import { ensureTokenRegistered } from './admin-token.js';
import { adminContainer } from './api-admin.js';

export {
  BOOTSTRAP_TOKEN_NAME,
  bootstrapFromSecret,
  ensureTokenRegistered,
  tokenFromSecret,
} from './admin-token.js';

/**
 * Makes `token` a working admin API token named `bootstrap-admin`, in the tables named by the
 * environment (`FLAGS_TABLE`). The local runtime calls this to create its printed admin token.
 *
 * @example
 * await ensureAdminToken('sbt_' + randomBytes(32).toString('base64url'));
 */
export async function ensureAdminToken(token: string): Promise<void> {
  await ensureTokenRegistered(adminContainer().tokens, token);
}

/**
 * Whether `token` is registered in the tables named by the environment (revoked tokens are not).
 * The local runtime checks the admin token it is about to print again.
 *
 * @example
 * if (!(await isTokenRegistered(local.adminToken))) await ensureAdminToken(newToken);
 */
export async function isTokenRegistered(token: string): Promise<boolean> {
  return adminContainer().tokens.isRegistered(token);
}
