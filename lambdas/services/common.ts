import { jsonEqual } from '@switchboard/core';
import type * as v from 'valibot';
import { tombstoneVersion } from '../domain/delivery.js';
import { applyPatchRequest, type PatchRequest } from '../domain/patch-request.js';
import type { AuditEntry } from '../domain/response-schemas.js';
import { parseWith } from '../domain/validation.js';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  ValidationError,
  WriteConflictError,
} from '../errors.js';
import type { Actor, Clock, ControlStore, EntityKind, EntityRef, RetiredVersions } from './ports.js';
import { retry } from './retry.js';

/** What every service is built from; tests hand in fakes, handlers the DynamoDB adapter. */
export interface ServiceDeps {
  readonly store: ControlStore;
  readonly clock: Clock;
  readonly newId: () => string;
}

export type AuditDraft = Omit<AuditEntry, 'id' | 'time' | 'actor'>;

export function auditEntry(deps: ServiceDeps, actor: Actor, draft: AuditDraft): AuditEntry {
  return {
    ...draft,
    id: deps.newId(),
    time: deps.clock.now().toISOString(),
    actor: { id: actor.id, name: actor.name },
  };
}

export async function found<T>(value: Promise<T | undefined>, what: string): Promise<T> {
  const result = await value;
  if (result === undefined) throw new NotFoundError(what);
  return result;
}

/** `If-Match` is optional; when sent it must equal the current version or nothing is written. */
export function assertVersion(current: number, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== current) {
    throw new ConflictError(`Version ${ifMatch} is stale; the current version is ${current}`);
  }
}

const RETRIES = 3;

/**
 * Runs a read-modify-write. A caller who sent `If-Match` asked for exactly that version, so a lost race
 * is a 409; otherwise the edit is re-applied to the fresh version, so concurrent writers lose nothing.
 */
export async function readModifyWrite<T>(ifMatch: number | undefined, attempt: () => Promise<T>): Promise<T> {
  const conflict = (error: unknown) => error instanceof WriteConflictError && ifMatch === undefined;
  return retry({ attempts: RETRIES, retryOn: conflict }, attempt);
}

/**
 * Runs the delete of `ref` as {@link readModifyWrite} runs any write, and answers one that lost to
 * a delete of the same item as a delete arriving after it would be answered: 404, with `If-Match`
 * too. An item marked for deletion (an environment's `deleting`) counts as gone: that deletion
 * finishes it. `attempt`'s last write must expect the version it read, so that of concurrent
 * deletes exactly one succeeds and writes the audit entry.
 */
export async function deleteOnce<K extends EntityKind>(
  store: Pick<ControlStore, 'get'>,
  ref: EntityRef<K>,
  what: string,
  ifMatch: number | undefined,
  attempt: () => Promise<void>,
): Promise<void> {
  try {
    await readModifyWrite(ifMatch, attempt);
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
    const current: object | undefined = await store.get(ref);
    if (current === undefined || ('deleting' in current && current.deleting)) throw new NotFoundError(what);
    throw error;
  }
}

/** Creates racing other writes of the same environment set retry this often, with a short jittered pause. */
const CREATE_ATTEMPTS = 8;

/**
 * Runs a create whose transaction also checks or bumps shared state (the environment set): a
 * conflict means "already exists" only if the item now exists; otherwise the create is built again
 * from fresh reads, so concurrent creates of different keys all succeed.
 */
export async function createRacing(
  what: string,
  exists: () => Promise<boolean>,
  attempt: () => Promise<void>,
) {
  const policy = {
    attempts: CREATE_ATTEMPTS,
    delayMs: (retry: number) => Math.random() * 20 * retry,
    retryOn: (error: unknown) => error instanceof WriteConflictError,
  };
  await retry(policy, async () => {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof WriteConflictError && (await exists()))
        throw new AlreadyExistsError(what, { cause: error });
      throw error;
    }
  });
}

/** Turns the store's conflict on a create into "already exists". */
export async function creating(what: string, write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (error instanceof WriteConflictError) throw new AlreadyExistsError(what, { cause: error });
    throw error;
  }
}

/** Rejects edits of fields the server owns. */
export function assertUnchanged<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T)[],
  prefix = '',
): void {
  for (const field of fields) {
    if (!jsonEqual(before[field], after[field])) {
      const name = `${prefix}${String(field)}`;
      throw new ValidationError(`${name} is read-only`, name);
    }
  }
}

/** A resource as a PATCH reads it: the stored form, the public document the patch edits, its version. */
export interface PatchTarget<S, T> {
  readonly stored: S;
  readonly before: T;
  /** The version `If-Match` must name. */
  readonly version: number;
}

/** The parts of a PATCH that differ between resources; {@link patchResource} runs them in order. */
export interface PatchSteps<S, T extends object, R> {
  /** Reads the resource afresh (again after a lost race). */
  readonly load: () => Promise<PatchTarget<S, T>>;
  /** The semantic-patch instructions the resource accepts. */
  readonly instructions: Parameters<typeof applyPatchRequest<T>>[0];
  /** `?env=` for per-environment instructions. */
  readonly env?: string | undefined;
  readonly newId: () => string;
  /** What the edited document must be. */
  readonly schema: v.GenericSchema<T>;
  /** Fields the server owns: an edit of one is a 400 naming it. */
  readonly readOnly: readonly (keyof T)[];
  /** Checks and writes the edited document, expecting `target.version`; returns the response. */
  readonly save: (edited: T, target: PatchTarget<S, T>) => Promise<R>;
}

/**
 * The one PATCH sequence of every resource: read, check `If-Match`, apply the JSON Patch or the
 * instructions, parse the result, refuse edits of read-only fields, write; all again on a lost race
 * unless `If-Match` was sent (see {@link readModifyWrite}).
 *
 * @example
 * ```ts
 * patchResource(request, ifMatch, {
 *   load: async () => { const project = await get(key); return { stored: project, before: project, version: project.version }; },
 *   instructions: projectInstructions,
 *   newId,
 *   schema: projectSchema,
 *   readOnly: ['key', 'version', 'createdAt'],
 *   save: (edited, { version }) => write({ ...edited, version: version + 1 }, version),
 * });
 * ```
 */
export function patchResource<S, T extends object, R>(
  request: PatchRequest,
  ifMatch: number | undefined,
  steps: PatchSteps<S, T, R>,
): Promise<R> {
  return readModifyWrite(ifMatch, async () => {
    const target = await steps.load();
    assertVersion(target.version, ifMatch);
    const { document } = applyPatchRequest(steps.instructions, target.before, request, {
      env: steps.env,
      newId: steps.newId,
    });
    const edited = parseWith(steps.schema, document);
    assertUnchanged(target.before, edited, steps.readOnly);
    return steps.save(edited, target);
  });
}

/** What a delete records: per environment, the version of the tombstone the fan-out sends. */
export function retiredVersions(
  deleted: readonly (readonly [env: string, version: number])[],
): RetiredVersions {
  return { versions: Object.fromEntries(deleted.map(([env, version]) => [env, tombstoneVersion(version)])) };
}

/** A created item's first version: 1, or one above the tombstone of an earlier item of that key. */
export function firstVersion(retired: RetiredVersions | undefined, env: string): number {
  return (retired?.versions[env] ?? 0) + 1;
}
