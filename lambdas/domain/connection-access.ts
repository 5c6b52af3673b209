/**
 * Which credential a WebSocket connection was opened with, and whether that credential still
 * admits it. A connection records its credential and its environment's generation at `$connect`;
 * the fan-out and the revoker check them against the environment's current record, so a revoked,
 * expired or deleted credential never receives another message. Pure; no AWS in here.
 */

/**
 * A server SDK key's credential: its public id (the first 12 hex digits of its hash, as the
 * environment lists it), never the key or its full hash.
 */
export const sdkKeyCredential = (keyId: string): string => `sdkKey:${keyId}`;
/** A browser's credential: the environment's public client-side id. */
export const clientSideCredential = (clientSideId: string): string => `clientSideId:${clientSideId}`;

/** The SDK key id an environment lists for a key hash. */
export const sdkKeyId = (hash: string): string => hash.slice(0, 12);

/** What a connection recorded at `$connect`; both absent on connections registered before they were. */
export interface ConnectionCredential {
  readonly credential?: string | undefined;
  readonly generation?: string | undefined;
}

/** The credentials that admit connections to one environment now; `undefined` for a deleted one. */
export interface EnvironmentAccess {
  readonly generation?: string | undefined;
  /** Credential → its expiry (ISO time), or undefined for one that does not expire. */
  readonly credentials: ReadonlyMap<string, string | undefined>;
}

/** The stored environment fields access depends on. */
export interface EnvironmentCredentials {
  readonly clientSideId: string;
  readonly sdkKeys: readonly { readonly id: string; readonly expiresAt?: string | undefined }[];
  readonly generation?: string | undefined;
  readonly deleting?: true | undefined;
}

/**
 * The access an environment record grants: its SDK keys (with their overlap expiry) and its
 * client-side id. A missing environment, or one being deleted, admits nobody.
 *
 * @example
 * const access = accessOf(await store.get({ kind: 'environment', project, env }));
 * admits(access, connection, new Date().toISOString()); // false once its key is rotated away
 */
export function accessOf(record: EnvironmentCredentials | undefined): EnvironmentAccess | undefined {
  if (!record || record.deleting) return undefined;
  return {
    generation: record.generation,
    credentials: new Map<string, string | undefined>([
      ...record.sdkKeys.map((key): [string, string | undefined] => [sdkKeyCredential(key.id), key.expiresAt]),
      [clientSideCredential(record.clientSideId), undefined],
    ]),
  };
}

/**
 * Whether a connection may still receive this environment's messages at `now` (ISO time): its
 * credential is one the environment lists and has not expired, and it belongs to this generation.
 * A connection registered before credentials were recorded is admitted while its environment lives.
 */
export function admits(
  access: EnvironmentAccess | undefined,
  connection: ConnectionCredential,
  now: string,
): boolean {
  if (!access) return false;
  if (connection.generation !== undefined && connection.generation !== access.generation) return false;
  if (connection.credential === undefined) return true;
  if (!access.credentials.has(connection.credential)) return false;
  const expiresAt = access.credentials.get(connection.credential);
  return expiresAt === undefined || expiresAt > now;
}
