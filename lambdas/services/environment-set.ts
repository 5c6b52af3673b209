import type { ControlStore, EnvironmentRecord, Write } from './ports.js';

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

const ref = (project: string) => ({ kind: 'environmentSet', project }) as const;

/** The project's environments, with the check that they are still all of them. */
export async function readEnvironmentSet(store: ControlStore, project: string): Promise<EnvironmentSet> {
  // The revision first: an environment created after this read makes the check fail.
  const revision = (await store.get(ref(project)))?.version;
  const environments = (await store.listEnvironments(project)).filter((e) => !e.deleting);
  return { environments, unchanged: { ref: ref(project), expect: revision ?? 'absent', check: true } };
}

/** The write that bumps the revision, for the transaction that creates or deletes an environment. */
export async function environmentSetChange(store: ControlStore, project: string): Promise<Write> {
  const revision = (await store.get(ref(project)))?.version;
  return { ref: ref(project), value: { version: (revision ?? 0) + 1 }, expect: revision ?? 'absent' };
}
