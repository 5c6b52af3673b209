import type { Role } from '@switchboard/topology';
import { newApiToken, sha256 } from '../domain/credentials.js';
import type { TokenInfo } from '../domain/schemas.js';
import { NotFoundError } from '../errors.js';
import { found, type ServiceDeps } from './common.js';
import type { Page, PageRequest, TokenListing } from './ports.js';

const publicToken = ({ hash: _hash, ...info }: TokenListing): TokenInfo => info;

/**
 * API tokens: random, shown once, stored as a SHA-256 hash (`TOKEN#{hash}`) plus a listing item
 * without the secret (`TOKENS/TOKEN#{id}`). Revoking deletes the hash item, so lookups fail at once.
 */
export class TokenService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly onRevoke: (hash: string) => void = () => {},
  ) {}

  async list(page: PageRequest): Promise<Page<TokenInfo>> {
    const out = await this.deps.store.listTokens(page);
    return { items: out.items.map(publicToken), cursor: out.cursor };
  }

  async create(input: { name: string; role: Role }): Promise<TokenInfo & { token: string }> {
    const token = newApiToken();
    const info = await this.register(token, { id: this.deps.newId(), ...input });
    return { ...info, token };
  }

  /**
   * Stores the hash of a token the caller already holds, e.g. the bootstrap admin token from Secrets
   * Manager. Idempotent: an existing registration is left as it is.
   */
  async register(token: string, input: { id: string; name: string; role: Role }): Promise<TokenInfo> {
    const hash = sha256(token);
    const info: TokenInfo = { ...input, createdAt: this.deps.clock.now().toISOString() };
    await this.deps.store.transact(
      [
        { ref: { kind: 'token', hash }, value: input, expect: 'absent' },
        { ref: { kind: 'tokenListing', id: input.id }, value: { ...info, hash }, expect: 'absent' },
      ],
      [],
    );
    return info;
  }

  async isRegistered(token: string): Promise<boolean> {
    return (await this.deps.store.get({ kind: 'token', hash: sha256(token) })) !== undefined;
  }

  async revoke(id: string): Promise<void> {
    const listing = await found(this.deps.store.get({ kind: 'tokenListing', id }), `Token "${id}"`);
    if (listing.revokedAt !== undefined) throw new NotFoundError(`Token "${id}"`);
    const revoked: TokenListing = { ...listing, revokedAt: this.deps.clock.now().toISOString() };
    await this.deps.store.transact(
      [
        { ref: { kind: 'token', hash: listing.hash } },
        { ref: { kind: 'tokenListing', id }, value: revoked, expect: 'present' },
      ],
      [],
    );
    this.onRevoke(listing.hash);
  }
}
