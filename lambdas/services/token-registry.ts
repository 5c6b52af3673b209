import { sha256 } from '../domain/credentials.js';
import type { GlobalAuditEntry, TokenInfo } from '../domain/response-schemas.js';
import type { ServiceDeps } from './common.js';
import type { Actor, TokenRecord, Write } from './ports.js';

/** Who registers tokens no caller created: the bootstrap admin token. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system' };

/** The hash item's value: a listing without its times, hashes and version. */
export const recordOf = ({ id, name, role, projects, expiresAt }: TokenRecord): TokenRecord => ({
  id,
  name,
  role,
  projects,
  expiresAt,
});

/** What the audit log shows of a token: its scope and expiry, never the secret or its hash. */
export const audited = ({ name, role, projects, expiresAt }: TokenRecord) => ({
  name,
  ...(role === undefined ? {} : { role }),
  ...(projects === undefined ? {} : { projects }),
  ...(expiresAt === undefined ? {} : { expiresAt }),
});

export const tokenRef = (hash: string) => ({ kind: 'token', hash }) as const;

/** A token change's entry in the global audit log. */
export function tokenAuditEntry(
  deps: ServiceDeps,
  actor: Actor,
  action: GlobalAuditEntry['action'],
  key: string,
  details: Pick<GlobalAuditEntry, 'comment' | 'before' | 'after'>,
): GlobalAuditEntry {
  return {
    id: deps.newId(),
    time: deps.clock.now().toISOString(),
    actor: { id: actor.id, name: actor.name },
    action,
    resource: 'token',
    key,
    ...details,
  };
}

/**
 * Registers API tokens whose secret the caller holds: what every management function needs to
 * bootstrap the admin token from Secrets Manager. Managing tokens (list, create, rotate, revoke) is
 * `TokenService`'s, which only `api-admin` carries. Tokens are stored as a SHA-256 hash item
 * (`TOKEN#{hash}`) plus a listing item without the secret (`TOKENS/TOKEN#{id}`), written with their
 * global audit entry in one transaction.
 */
export class TokenRegistry {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Stores the hash of a token the caller already holds, e.g. the bootstrap admin token from Secrets
   * Manager. Idempotent: an existing registration is left as it is (the store's conflict propagates).
   */
  async register(token: string, input: TokenRecord, actor: Actor = SYSTEM_ACTOR): Promise<TokenInfo> {
    const hash = sha256(token);
    const info: TokenInfo = { ...recordOf(input), createdAt: this.deps.clock.now().toISOString() };
    // The projects must still exist when the token is written, not only when they were looked up.
    const projectChecks: Write[] = Object.keys(input.projects ?? {}).map((project) => ({
      ref: { kind: 'project', project },
      expect: 'present',
      check: true,
    }));
    await this.deps.store.transact(
      [
        { ref: tokenRef(hash), value: recordOf(input), expect: 'absent' },
        {
          ref: { kind: 'tokenListing', id: input.id },
          value: { ...info, hash, version: 1 },
          expect: 'absent',
        },
        ...projectChecks,
      ],
      [tokenAuditEntry(this.deps, actor, 'create', input.id, { after: audited(input) })],
    );
    return info;
  }

  async isRegistered(token: string): Promise<boolean> {
    return (await this.deps.store.get(tokenRef(sha256(token)))) !== undefined;
  }
}
