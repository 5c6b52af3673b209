import type { Role } from '@switchboard/topology';
import type { FlagRecord, SegmentMeta } from '../domain/flag-model.js';
import type {
  AuditEntry,
  EvaluationFlag,
  EvaluationSegment,
  GlobalAuditEntry,
  TokenInfo,
} from '../domain/response-schemas.js';
import type { Environment, FlagListQuery, Project } from '../domain/schemas.js';

/**
 * What services need from storage, in domain terms. The DynamoDB adapter maps each reference to its
 * key (tables.ts documents the layout); tests and other hosts can supply their own implementation.
 */

export interface Actor {
  readonly id: string;
  readonly name: string;
}

export interface SdkKeyRecord {
  readonly hash: string;
  readonly id: string;
  readonly last4: string;
  readonly createdAt: string;
  readonly expiresAt?: string | undefined;
}

/** An environment as stored: key hashes included, never shown to callers. */
export type EnvironmentRecord = Omit<Environment, 'sdkKeys' | 'secureMode'> & {
  /** Absent on environments created before secure mode existed: off. */
  readonly secureMode?: boolean | undefined;
  readonly sdkKeys: readonly SdkKeyRecord[];
  /** Set by the first step of a deletion: the environment is gone for every reader and writer. */
  readonly deleting?: true;
  /** This incarnation of the environment (see {@link EnvironmentGeneration}); never shown to callers. */
  readonly generation?: string | undefined;
};

export type StoredSegment = EvaluationSegment & { readonly meta: SegmentMeta };

export interface EnvironmentLocator {
  readonly project: string;
  readonly env: string;
}

/**
 * One incarnation of an environment: deleting an environment (or its project) and creating one with
 * the same key makes a new random `generation`, so nothing cached for the deleted one (snapshots,
 * connections) is taken for the new one. Absent on environments created before generations existed.
 */
export interface EnvironmentGeneration extends EnvironmentLocator {
  readonly generation?: string | undefined;
}

export interface SdkKeyTarget extends EnvironmentGeneration {
  readonly expiresAt?: string | undefined;
}

/**
 * When an SDK key's overlap window ends: the key-expiry sweep deletes the key then, and the revoker
 * closes the connections opened with it. One entry per (expiry, key); a shortened expiry adds one.
 */
export interface KeyExpiry extends EnvironmentLocator {
  readonly hash: string;
  readonly expiresAt: string;
}

/**
 * What a token's hash resolves to. Exactly one of `role` (global) and `projects` (a role per project)
 * is set. `expiresAt` is the token's expiry, or the end of a rotated-out secret's overlap.
 */
export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role?: Role | undefined;
  readonly projects?: Readonly<Record<string, Role>> | undefined;
  readonly expiresAt?: string | undefined;
}

/**
 * A token's listing item: what callers see, plus the current secret's hash, the hash of a secret
 * still in its rotation overlap, and a version that makes rotation and revocation compare-and-set.
 * Listings written before tokens were versioned have none (see `Write.expect`'s `0`).
 */
export type TokenListing = TokenInfo & {
  readonly hash: string;
  readonly previousHash?: string | undefined;
  readonly version?: number | undefined;
};

/** Any audit entry: a project's, or the global log's (kept apart by the adapter). */
export type AuditRecord = AuditEntry | GlobalAuditEntry;

/**
 * The version a deleted item's SDK tombstone carries (the fan-out deletes at version + 1), per
 * environment. A re-created item starts above it: SDKs drop anything not newer than a tombstone.
 */
export interface RetiredVersions {
  readonly versions: Readonly<Record<string, number>>;
}

/** Every kind of item the control plane stores, with the value stored under it. */
export interface EntityTypes {
  project: { ref: { project: string }; value: Project };
  environment: { ref: EnvironmentLocator; value: EnvironmentRecord };
  flag: { ref: { project: string; flag: string }; value: FlagRecord };
  flagConfig: { ref: EnvironmentLocator & { flag: string }; value: EvaluationFlag };
  segment: { ref: EnvironmentLocator & { segment: string }; value: StoredSegment };
  sdkKey: { ref: { hash: string }; value: SdkKeyTarget };
  clientSideId: { ref: { clientSideId: string }; value: EnvironmentGeneration };
  token: { ref: { hash: string }; value: TokenRecord };
  tokenListing: { ref: { id: string }; value: TokenListing };
  retiredFlag: { ref: { project: string; flag: string }; value: RetiredVersions };
  retiredSegment: { ref: EnvironmentLocator & { segment: string }; value: RetiredVersions };
  /** The project's environment-set revision (see `services/environment-set.ts`). */
  environmentSet: { ref: { project: string }; value: { version: number } };
  /** The project's reference revision (see `services/references.ts`). */
  referenceRevision: { ref: { project: string }; value: { version: number } };
  keyExpiry: { ref: { expiresAt: string; hash: string }; value: KeyExpiry };
}

export type EntityKind = keyof EntityTypes;
export type EntityRef<K extends EntityKind = EntityKind> = { readonly kind: K } & EntityTypes[K]['ref'];

/**
 * One write of a transaction. `expect` is the optimistic-concurrency condition: the stored item's
 * `version` (`0`: it exists and has no version yet), `'absent'` (create) or `'present'` (must exist).
 * `value` undefined deletes the item; `check` only checks `expect` and writes nothing; `increment`
 * adds one to the item's `version` (creating it at 1) and takes no `value`: without `expect`
 * whatever it was, a revision that concurrent writers all bump without conflicting on a read of it.
 */
export type Write = {
  [K in EntityKind]: {
    readonly ref: EntityRef<K>;
    readonly value?: EntityTypes[K]['value'];
    readonly expect?: number | 'absent' | 'present';
    readonly check?: true;
    readonly increment?: true;
  };
}[EntityKind];

/** A page of a list; `cursor` (opaque, from `domain/cursor.ts`) is present while more items follow. */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string | undefined;
}

/** A flag's state in one environment, as the flag list shows it. */
export interface FlagState {
  readonly on: boolean;
  readonly version: number;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** What one environment holds: one read answers snapshots, evaluations and reference checks. */
export interface EnvironmentContents {
  readonly flags: EvaluationFlag[];
  readonly segments: StoredSegment[];
}

export interface ControlStore {
  get<K extends EntityKind>(ref: EntityRef<K>): Promise<EntityTypes[K]['value'] | undefined>;
  /**
   * Writes all or nothing; throws `WriteConflictError` when an `expect` does not hold. `writtenAt`
   * (epoch ms, default now) is the time recorded with the environment's flag and segment items, from
   * which delivery receipts measure latency.
   */
  transact(writes: readonly Write[], audit: readonly AuditRecord[], writtenAt?: number): Promise<void>;
  /** Projects in key order; `only`, when given, keeps just those keys (at most 100). */
  listProjects(page: PageRequest, only?: readonly string[]): Promise<Page<Project>>;
  listEnvironments(project: string): Promise<EnvironmentRecord[]>;
  listFlags(project: string, query: FlagListQuery): Promise<Page<FlagRecord>>;
  /** Each flag's on/off state and version per environment; a missing configuration is absent. */
  flagStates(
    project: string,
    envs: readonly string[],
    flags: readonly string[],
  ): Promise<Map<string, Record<string, FlagState>>>;
  listSegments(locator: EnvironmentLocator, page: PageRequest): Promise<Page<StoredSegment>>;
  listTokens(page: PageRequest): Promise<Page<TokenListing>>;
  environmentContents(locator: EnvironmentLocator): Promise<EnvironmentContents>;
  /** Deletes every item of an environment's flag and segment partition (not transactional). */
  deleteEnvironmentContents(locator: EnvironmentLocator): Promise<void>;
  /** Deletes every item in the project's partition except the project item itself. */
  deleteProjectContents(project: string): Promise<void>;
  /** SDK key expiries at or before `now` (ISO time), earliest first, at most `limit`. */
  dueKeyExpiries(now: string, limit?: number): Promise<KeyExpiry[]>;
}

export interface AuditQuery {
  readonly project: string;
  readonly flag?: string | undefined;
  readonly env?: string | undefined;
  /**
   * Only entries written at or after this ISO time: the project's `createdAt`, so that a project
   * created again under a deleted one's key does not show (or let its tokens read) the old history.
   */
  readonly since?: string | undefined;
}

export interface AuditStore {
  list(query: AuditQuery, page: PageRequest): Promise<Page<AuditEntry>>;
  /** The global log (API tokens), newest first. */
  listGlobal(page: PageRequest): Promise<Page<GlobalAuditEntry>>;
}

export interface Clock {
  now(): Date;
}
