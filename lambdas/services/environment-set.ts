import { ConflictError, NotFoundError } from '../errors.js';
import type { ControlStore, EnvironmentLocator, EnvironmentRecord, Write } from './ports.js';

/**
 * Flags live once per environment, so a write "to every environment" must not miss one created
 * meanwhile. Creating or deleting an environment bumps the project's environment-set revision in
 * its transaction; a flag write reads the revision before it lists the environments and checks it
 * in its own transaction, so a concurrent environment change makes it conflict and retry. An
 * environment being deleted (`deleting`) is no longer among them.
 */
export interface EnvironmentSet {
  readonly environments: EnvironmentRecord[];
  /** The condition to include in a transaction built from `environments`. */
  readonly unchanged: Write;
}

/**
 * The most environments a project may have. A flag create, project-level change or delete writes
 * one item per environment in a single DynamoDB transaction (100 items at most), beside the flag's
 * own items, the environment-set check and, for a delete, the tombstone record and the
 * reference-revision check (`references.ts`): 99 items for a delete at this many.
 */
export const MAX_ENVIRONMENTS_PER_PROJECT = 47;

const ref = (project: string) => ({ kind: 'environmentSet', project }) as const;

const revisionOf = async (store: ControlStore, project: string) => (await store.get(ref(project)))?.version;

/** The project's environments, without those being deleted. */
export async function liveEnvironments(store: ControlStore, project: string): Promise<EnvironmentRecord[]> {
  return (await store.listEnvironments(project)).filter((e) => !e.deleting);
}

/**
 * The 404 for `what`, an item of `project`, or for the project when that is what is missing: the
 * project is read only on this path.
 */
export async function notFoundIn(
  store: Pick<ControlStore, 'get'>,
  project: string,
  what: string,
): Promise<NotFoundError> {
  const known = await store.get({ kind: 'project', project });
  return new NotFoundError(known ? what : `Project "${project}"`);
}

/** An environment's record; one being deleted is not found. */
export async function liveEnvironment(
  store: Pick<ControlStore, 'get'>,
  at: EnvironmentLocator,
): Promise<EnvironmentRecord> {
  const record = await store.get({ kind: 'environment', ...at });
  if (record && !record.deleting) return record;
  throw await notFoundIn(store, at.project, `Environment "${at.project}/${at.env}"`);
}

/** The project's environments, with the check that they are still all of them. */
export async function readEnvironmentSet(store: ControlStore, project: string): Promise<EnvironmentSet> {
  // The revision first: an environment created after this read makes the check fail.
  const revision = await revisionOf(store, project);
  const environments = await liveEnvironments(store, project);
  return { environments, unchanged: { ref: ref(project), expect: revision ?? 'absent', check: true } };
}

/** The write that bumps the revision, for the transaction that creates or deletes an environment. */
export async function environmentSetChange(store: ControlStore, project: string): Promise<Write> {
  const revision = await revisionOf(store, project);
  return { ref: ref(project), value: { version: (revision ?? 0) + 1 }, expect: revision ?? 'absent' };
}

/**
 * The revision bump for adding an environment, refused with a 409 when the project is full. The
 * count is taken after the revision is read, so two creates racing for the last place conflict on
 * the revision and the retry counts again.
 */
export async function environmentSetGrowth(store: ControlStore, project: string): Promise<Write> {
  const change = await environmentSetChange(store, project);
  if ((await liveEnvironments(store, project)).length >= MAX_ENVIRONMENTS_PER_PROJECT) {
    throw new ConflictError(
      `Project "${project}" has ${MAX_ENVIRONMENTS_PER_PROJECT} environments, the most a flag change can cover; delete one first`,
    );
  }
  return change;
}
