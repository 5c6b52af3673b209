import { ensureTokenRegistered } from './admin-token.js';
import { tokenRegistry } from './admin-token-registrar.js';

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
  await ensureTokenRegistered(tokenRegistry(), token);
}

/**
 * Whether `token` is registered in the tables named by the environment (revoked tokens are not).
 * The local runtime checks the admin token it is about to print again.
 *
 * @example
 * if (!(await isTokenRegistered(local.adminToken))) await ensureAdminToken(newToken);
 */
export async function isTokenRegistered(token: string): Promise<boolean> {
  return tokenRegistry().isRegistered(token);
}
