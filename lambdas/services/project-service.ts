import { projectInstructions } from '../domain/instructions.js';
import type { PatchRequest } from '../domain/patch-request.js';
import { type CreateProject, type Project, projectSchema } from '../domain/schemas.js';
import {
  assertVersion,
  auditEntry,
  creating,
  deleteOnce,
  found,
  patchResource,
  readModifyWrite,
  type ServiceDeps,
} from './common.js';
import { credentialDeletes } from './environment-service.js';
import type { Actor, Page, PageRequest } from './ports.js';

export class ProjectService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Projects in key order; `only` (a project-scoped token's projects) keeps just those. */
  list(page: PageRequest, only?: readonly string[]): Promise<Page<Project>> {
    return this.deps.store.listProjects(page, only);
  }

  get(key: string): Promise<Project> {
    return found(this.deps.store.get({ kind: 'project', project: key }), `Project "${key}"`);
  }

  async create(actor: Actor, input: CreateProject): Promise<Project> {
    const project: Project = { ...input, version: 1, createdAt: this.deps.clock.now().toISOString() };
    const audit = auditEntry(this.deps, actor, {
      project: project.key,
      resource: 'project',
      key: project.key,
      action: 'create',
      after: project,
    });
    await creating(
      `Project "${project.key}"`,
      this.deps.store.transact(
        [{ ref: { kind: 'project', project: project.key }, value: project, expect: 'absent' }],
        [audit],
      ),
    );
    return project;
  }

  patch(actor: Actor, key: string, request: PatchRequest, ifMatch?: number): Promise<Project> {
    return patchResource(request, ifMatch, {
      load: async () => {
        const before = await this.get(key);
        return { stored: before, before, version: before.version };
      },
      instructions: projectInstructions,
      newId: this.deps.newId,
      schema: projectSchema,
      readOnly: ['key', 'version', 'createdAt'],
      save: (edited, { before }) => this.update(actor, key, request, before, edited),
    });
  }

  private async update(
    actor: Actor,
    key: string,
    request: PatchRequest,
    before: Project,
    edited: Project,
  ): Promise<Project> {
    const after = { ...edited, version: before.version + 1 };
    const audit = auditEntry(this.deps, actor, {
      project: key,
      resource: 'project',
      key,
      action: 'update',
      comment: request.comment,
      before,
      after,
    });
    await this.deps.store.transact(
      [{ ref: { kind: 'project', project: key }, value: after, expect: before.version }],
      [audit],
    );
    return after;
  }

  /**
   * Deletes the project with its environments, keys, flags and segments; the project item goes
   * last so a retry can finish the job. `ifMatch` is checked before anything is deleted.
   */
  delete(actor: Actor, key: string, ifMatch?: number): Promise<void> {
    const ref = { kind: 'project', project: key } as const;
    return deleteOnce(this.deps.store, ref, `Project "${key}"`, ifMatch, () =>
      this.deleteAll(actor, key, ifMatch),
    );
  }

  private async deleteAll(actor: Actor, key: string, ifMatch: number | undefined): Promise<void> {
    const before = await this.get(key);
    assertVersion(before.version, ifMatch);
    const { store } = this.deps;
    for (const environment of await store.listEnvironments(key)) {
      await store.deleteEnvironmentContents({ project: key, env: environment.key });
      // The environment goes with its credentials: the revoker, reading it on their removal, then
      // finds it gone and closes every connection it had.
      await store.transact(
        [
          { ref: { kind: 'environment', project: key, env: environment.key } },
          ...credentialDeletes(environment),
        ],
        [],
      );
    }
    await store.deleteProjectContents(key);
    // If-Match held when the contents started to go: a rename since cannot bring them back, so the
    // project item goes at the version it has now. Of concurrent deletes one removes it and
    // audits; the others read it gone (404).
    await readModifyWrite(undefined, async () => {
      const current = await this.get(key);
      const audit = auditEntry(this.deps, actor, {
        project: key,
        resource: 'project',
        key,
        action: 'delete',
        before: current,
      });
      await store.transact([{ ref: { kind: 'project', project: key }, expect: current.version }], [audit]);
    });
  }
}
