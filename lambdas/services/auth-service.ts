import type { Role, RouteAuth } from '@switchboard/topology';
import { clientSideCredential, sdkKeyCredential, sdkKeyId } from '../domain/connection-access.js';
import { credentialFrom, looksLikeApiToken, looksLikeSdkKey, sha256 } from '../domain/credentials.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { Clock, ControlStore, EnvironmentGeneration, SdkKeyTarget, TokenRecord } from './ports.js';
import { TtlCache } from './ttl-cache.js';

/**
 * An SDK credential's environment (this incarnation of it), and the credential as connections record
 * it (`domain/connection-access.ts`).
 */
export type SdkPrincipal = EnvironmentGeneration & { readonly credential: string };

/** Who is calling, as established from the route's declared `auth`. */
export type Principal =
  | ({ readonly kind: 'apiToken' } & TokenRecord)
  | ({ readonly kind: 'sdkKey' } & SdkPrincipal)
  | ({ readonly kind: 'clientSideId' } & SdkPrincipal)
  | { readonly kind: 'public' };

const incarnation = (target: EnvironmentGeneration): EnvironmentGeneration => ({
  project: target.project,
  env: target.env,
  ...(target.generation === undefined ? {} : { generation: target.generation }),
});

export interface Credentials {
  readonly authorization?: string | undefined;
  readonly clientSideId?: string | undefined;
  /** The `{project}` path parameter: a project-scoped token's role there is the one that counts. */
  readonly project?: string | undefined;
}

type TokenAuth = Extract<RouteAuth, { kind: 'apiToken' }>;

const RANK: Record<Role, number> = { reader: 0, writer: 1, admin: 2 };

export const roleAllows = (held: Role, required: Role): boolean => RANK[held] >= RANK[required];

/** The highest of a project-scoped token's roles. */
const bestRole = (roles: Readonly<Record<string, Role>>): Role | undefined =>
  Object.values(roles).reduce<Role | undefined>(
    (best, r) => (!best || RANK[r] > RANK[best] ? r : best),
    undefined,
  );

/**
 * Throws `ForbiddenError` unless `token` may call a route declared with `auth`, on `project` when the
 * route's path names one. A global role applies everywhere; a project-scoped token's role applies in
 * its projects, and on `anyScope` routes its highest role counts.
 *
 * @example
 * assertTokenAllows({ id: 't', name: 'CI', projects: { web: 'writer' } }, { kind: 'apiToken', role: 'writer' }, 'web');
 */
export function assertTokenAllows(token: TokenRecord, auth: TokenAuth, project: string | undefined): void {
  const required = auth.role;
  if (token.role !== undefined) {
    if (!roleAllows(token.role, required))
      throw new ForbiddenError(`This route needs the ${required} role; the token has ${token.role}`);
    return;
  }
  const roles = token.projects ?? {};
  if (project !== undefined) {
    const held = Object.hasOwn(roles, project) ? roles[project] : undefined;
    if (held === undefined) throw new ForbiddenError(`The token has no role in project "${project}"`);
    if (!roleAllows(held, required))
      throw new ForbiddenError(
        `This route needs the ${required} role in project "${project}"; the token has ${held}`,
      );
    return;
  }
  const best = bestRole(roles);
  if (!auth.anyScope || best === undefined) {
    throw new ForbiddenError(
      `This route needs a global ${required} role; the token is scoped to projects ${Object.keys(roles).join(', ')}`,
    );
  }
  if (!roleAllows(best, required))
    throw new ForbiddenError(`This route needs the ${required} role; the token has ${best}`);
}

/**
 * Checks a request's credential against a route's declared `auth`. Lookups by hash are cached for
 * `ttlMs`; revocations made through this instance take effect at once, elsewhere within `ttlMs`.
 */
export class AuthService {
  private readonly tokens: TtlCache<TokenRecord>;
  private readonly sdkKeys: TtlCache<SdkKeyTarget>;
  private readonly clientSideIds: TtlCache<EnvironmentGeneration>;

  constructor(
    private readonly store: Pick<ControlStore, 'get'>,
    private readonly clock: Clock,
    ttlMs = 5_000,
    /**
     * How long an unknown credential is remembered: a fleet still holding a revoked key, or anyone
     * repeating a garbage one, costs one strongly consistent read per second, not one per request.
     * Credentials are random, so none is looked up before it exists. @default 1000
     */
    missTtlMs = 1_000,
  ) {
    this.tokens = new TtlCache(clock, ttlMs, 1000, missTtlMs);
    this.sdkKeys = new TtlCache(clock, ttlMs, 1000, missTtlMs);
    this.clientSideIds = new TtlCache(clock, ttlMs, 1000, missTtlMs);
  }

  async authenticate(auth: RouteAuth, credentials: Credentials): Promise<Principal> {
    switch (auth.kind) {
      case 'public':
        return { kind: 'public' };
      case 'apiToken':
        return this.apiToken(credentials.authorization, auth, credentials.project);
      case 'sdkKey':
        return this.sdkKey(credentials.authorization);
      case 'clientSideId':
        return this.clientSideId(credentials.clientSideId);
    }
  }

  forgetToken(hash: string): void {
    this.tokens.delete(hash);
  }

  private async apiToken(
    header: string | undefined,
    auth: TokenAuth,
    project: string | undefined,
  ): Promise<Principal> {
    const token = credentialFrom(header);
    if (!token || !/^Bearer\s/i.test(header ?? ''))
      throw new UnauthorizedError('An API token is required: Authorization: Bearer sbt_…');
    if (!looksLikeApiToken(token)) throw new UnauthorizedError('Malformed API token');
    const hash = sha256(token);
    const record = await this.tokens.getOrLoad(hash, () => this.store.get({ kind: 'token', hash }));
    if (!record) throw new UnauthorizedError('Unknown or revoked API token');
    if (record.expiresAt !== undefined && record.expiresAt <= this.clock.now().toISOString())
      throw new UnauthorizedError(`API token expired at ${record.expiresAt}`);
    assertTokenAllows(record, auth, project);
    return { kind: 'apiToken', ...record };
  }

  private async sdkKey(header: string | undefined): Promise<Principal> {
    const key = credentialFrom(header);
    if (!key) throw new UnauthorizedError('A server-side SDK key is required in Authorization');
    if (!looksLikeSdkKey(key)) throw new UnauthorizedError('Malformed SDK key');
    const hash = sha256(key);
    const target = await this.sdkKeys.getOrLoad(hash, () => this.store.get({ kind: 'sdkKey', hash }));
    const expired = target?.expiresAt !== undefined && target.expiresAt <= this.clock.now().toISOString();
    if (!target || expired) throw new UnauthorizedError('Unknown, expired or rotated SDK key');
    return { kind: 'sdkKey', ...incarnation(target), credential: sdkKeyCredential(sdkKeyId(hash)) };
  }

  private async clientSideId(id: string | undefined): Promise<Principal> {
    if (!id || !/^[0-9a-f]{24}$/.test(id)) throw new UnauthorizedError('Unknown client-side id');
    const target = await this.clientSideIds.getOrLoad(id, () =>
      this.store.get({ kind: 'clientSideId', clientSideId: id }),
    );
    if (!target) throw new UnauthorizedError('Unknown client-side id');
    return { kind: 'clientSideId', ...incarnation(target), credential: clientSideCredential(id) };
  }
}
