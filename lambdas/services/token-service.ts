import { newApiToken, sha256 } from '../domain/credentials.js';
import type { TokenInfo } from '../domain/response-schemas.js';
import type { CreateToken } from '../domain/token-schemas.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { found, readModifyWrite, type ServiceDeps } from './common.js';
import type { Actor, Page, PageRequest, TokenListing, Write } from './ports.js';
import { audited, recordOf, TokenRegistry, tokenAuditEntry, tokenRef } from './token-registry.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const publicToken = ({ hash: _h, previousHash: _p, version: _v, ...info }: TokenListing): TokenInfo => info;

/**
 * Managing API tokens: random, shown once, stored as `TokenRegistry` registers them. A token holds a
 * global role or a role per project, and may expire. Rotation issues a new secret under the same id;
 * revoking deletes the hash items, so lookups fail at once. Every change writes its global audit
 * entry in the same transaction.
 */
export class TokenService {
  private readonly registry: TokenRegistry;

  constructor(
    private readonly deps: ServiceDeps,
    /** Called with each hash that stopped (or will stop) working, so caches drop it. */
    private readonly onRevoke: (hash: string) => void = () => {},
  ) {
    this.registry = new TokenRegistry(deps);
  }

  async list(page: PageRequest): Promise<Page<TokenInfo>> {
    const out = await this.deps.store.listTokens(page);
    return { items: out.items.map(publicToken), cursor: out.cursor };
  }

  /**
   * Creates a token; its secret is in this response only.
   *
   * @example
   * const { token } = await tokens.create(actor, { name: 'checkout CI', projects: { checkout: 'writer' }, expiresInDays: 90 });
   */
  async create(actor: Actor, input: CreateToken): Promise<TokenInfo & { token: string }> {
    const expiresAt = this.expiry(input);
    if (input.projects) await this.assertProjectsExist(Object.keys(input.projects));
    const token = newApiToken();
    const definition = { id: this.deps.newId(), name: input.name, expiresAt };
    const scope = input.projects ? { projects: input.projects } : { role: input.role };
    const info = await this.registry.register(token, { ...definition, ...scope }, actor);
    return { ...info, token };
  }

  /**
   * Replaces the token's secret, keeping its id, scope and expiry. The previous secret stops now, or
   * after `expiryHours` (never later than the token's own expiry); one still in an earlier overlap
   * stops now. The new secret is in this response only.
   */
  rotate(actor: Actor, id: string, expiryHours: number): Promise<TokenInfo & { token: string }> {
    return readModifyWrite(undefined, async () => {
      const listing = await this.live(id);
      const now = this.deps.clock.now().toISOString();
      if (listing.expiresAt !== undefined && listing.expiresAt <= now)
        throw new ConflictError(`Token "${id}" expired at ${listing.expiresAt}; create a new one`);
      const until = new Date(Date.parse(now) + expiryHours * HOUR_MS).toISOString();
      const overlapEnds =
        listing.expiresAt !== undefined && listing.expiresAt < until ? listing.expiresAt : until;
      const overlap = overlapEnds > now;
      const token = newApiToken();
      const hash = sha256(token);
      const next: TokenListing = {
        ...listing,
        hash,
        previousHash: overlap ? listing.hash : undefined,
        rotatedAt: now,
        version: (listing.version ?? 0) + 1,
      };
      await this.deps.store.transact(
        [
          { ref: tokenRef(hash), value: recordOf(listing), expect: 'absent' },
          overlap
            ? { ref: tokenRef(listing.hash), value: { ...recordOf(listing), expiresAt: overlapEnds } }
            : { ref: tokenRef(listing.hash) },
          ...this.retirePrevious(listing),
          { ref: { kind: 'tokenListing', id }, value: next, expect: listing.version ?? 0 },
        ],
        [
          tokenAuditEntry(this.deps, actor, 'rotate', id, {
            comment: overlap
              ? `previous secret works until ${overlapEnds}`
              : 'previous secret stopped at once',
            after: audited(listing),
          }),
        ],
      );
      this.forget(listing);
      return { ...publicToken(next), token };
    });
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const listing = await readModifyWrite(undefined, async () => {
      const current = await this.live(id);
      const revoked: TokenListing = {
        ...current,
        previousHash: undefined,
        revokedAt: this.deps.clock.now().toISOString(),
        version: (current.version ?? 0) + 1,
      };
      await this.deps.store.transact(
        [
          { ref: tokenRef(current.hash) },
          ...this.retirePrevious(current),
          { ref: { kind: 'tokenListing', id }, value: revoked, expect: current.version ?? 0 },
        ],
        [tokenAuditEntry(this.deps, actor, 'revoke', id, { before: audited(current) })],
      );
      return current;
    });
    this.forget(listing);
  }

  /** A token that exists and is not revoked; a revoked one is gone as far as callers can tell. */
  private async live(id: string): Promise<TokenListing> {
    const listing = await found(this.deps.store.get({ kind: 'tokenListing', id }), `Token "${id}"`);
    if (listing.revokedAt !== undefined) throw new NotFoundError(`Token "${id}"`);
    return listing;
  }

  private retirePrevious(listing: TokenListing): Write[] {
    return listing.previousHash === undefined ? [] : [{ ref: tokenRef(listing.previousHash) }];
  }

  private forget(listing: TokenListing): void {
    this.onRevoke(listing.hash);
    if (listing.previousHash !== undefined) this.onRevoke(listing.previousHash);
  }

  private expiry(input: Pick<CreateToken, 'expiresAt' | 'expiresInDays'>): string | undefined {
    const now = this.deps.clock.now().getTime();
    if (input.expiresInDays !== undefined) return new Date(now + input.expiresInDays * DAY_MS).toISOString();
    if (input.expiresAt === undefined) return undefined;
    const at = Date.parse(input.expiresAt);
    if (at <= now) throw new ValidationError('expiresAt: must be in the future', 'expiresAt');
    return new Date(at).toISOString();
  }

  private async assertProjectsExist(projects: readonly string[]): Promise<void> {
    const found = await Promise.all(
      projects.map((project) => this.deps.store.get({ kind: 'project', project })),
    );
    const missing = projects.find((_, i) => found[i] === undefined);
    if (missing !== undefined) {
      const field = `projects.${missing}`;
      throw new ValidationError(`${field}: project "${missing}" does not exist`, field);
    }
  }
}
