import { checkSegment, throwIssues } from '@switchboard/core/schema';
import { newSalt } from '../domain/credentials.js';
import { toEvaluationSegment, toSegmentResource } from '../domain/flag-model.js';
import { segmentInstructions } from '../domain/instructions.js';
import type { PatchRequest } from '../domain/patch-request.js';
import { type CreateSegment, type SegmentResource, segmentResourceSchema } from '../domain/schemas.js';
import { ConflictError, NotFoundError } from '../errors.js';
import {
  type AuditDraft,
  assertVersion,
  auditEntry,
  createRacing,
  deleteOnce,
  firstVersion,
  patchResource,
  retiredVersions,
  type ServiceDeps,
} from './common.js';
import { environmentIndex } from './environment-index.js';
import { liveEnvironment } from './environment-set.js';
import type { Actor, EnvironmentLocator, Page, PageRequest, StoredSegment, Write } from './ports.js';
import {
  addedReferenceChecks,
  holdingReferences,
  referencesUnchanged,
  segmentReferencesOf,
} from './references.js';

const resourceOf = ({ meta, ...segment }: StoredSegment): SegmentResource => toSegmentResource(segment, meta);
const storedOf = (segment: SegmentResource): StoredSegment => ({
  ...toEvaluationSegment(segment),
  meta: { name: segment.name, description: segment.description, tags: segment.tags },
});

/** Segments belong to one environment and are stored as their evaluation JSON (plus display fields). */
export class SegmentService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The environment's version; one being deleted is not found. */
  private async environment(at: EnvironmentLocator): Promise<number> {
    return (await liveEnvironment(this.deps.store, at)).version;
  }

  /** The segment; a 404 names the project or environment when that is what is missing. */
  private async stored(at: EnvironmentLocator, key: string): Promise<StoredSegment> {
    const segment = await this.deps.store.get({ kind: 'segment', ...at, segment: key });
    if (segment) return segment;
    await this.environment(at);
    throw new NotFoundError(`Segment "${key}"`);
  }

  async list(at: EnvironmentLocator, page: PageRequest): Promise<Page<SegmentResource>> {
    await this.environment(at);
    const out = await this.deps.store.listSegments(at, page);
    return { items: out.items.map(resourceOf), cursor: out.cursor };
  }

  async get(at: EnvironmentLocator, key: string): Promise<SegmentResource> {
    return resourceOf(await this.stored(at, key));
  }

  /**
   * Checks the segment against the environment's other segments; returns the conditions that keep
   * what it refers to beyond `before` in place until it is written (see `references.ts`).
   */
  private async check(
    at: EnvironmentLocator,
    segment: SegmentResource,
    before?: SegmentResource,
  ): Promise<Write[]> {
    const contents = await this.deps.store.environmentContents(at);
    throwIssues(checkSegment(segment, environmentIndex(contents)));
    const added = addedReferenceChecks(
      at,
      segmentReferencesOf(before),
      segmentReferencesOf(segment),
      contents,
    );
    return holdingReferences(at.project, added);
  }

  private write(
    actor: Actor,
    at: EnvironmentLocator,
    segment: SegmentResource,
    expect: Write['expect'],
    draft: Omit<AuditDraft, 'project' | 'resource' | 'key' | 'env'>,
    checks: readonly Write[] = [],
  ) {
    const ref = { kind: 'segment' as const, ...at, segment: segment.key };
    const audit = auditEntry(this.deps, actor, {
      project: at.project,
      env: at.env,
      resource: 'segment',
      key: segment.key,
      ...draft,
    });
    return this.deps.store.transact([{ ref, value: storedOf(segment), expect }, ...checks], [audit]);
  }

  async create(actor: Actor, at: EnvironmentLocator, input: CreateSegment): Promise<SegmentResource> {
    await this.environment(at);
    const retired = await this.deps.store.get({ kind: 'retiredSegment', ...at, segment: input.key });
    const rules = input.rules.map(({ id, ...rule }) => ({ ...rule, id: id ?? this.deps.newId() }));
    const segment: SegmentResource = {
      ...input,
      rules,
      salt: newSalt(),
      version: firstVersion(retired, at.env),
    };
    await createRacing(
      `Segment "${segment.key}"`,
      async () => (await this.deps.store.get({ kind: 'segment', ...at, segment: segment.key })) !== undefined,
      async () => {
        // An environment marked for deletion meanwhile makes this conflict, and the retry a 404.
        const environmentVersion = await this.environment(at);
        const unchanged: Write = {
          ref: { kind: 'environment', ...at },
          expect: environmentVersion,
          check: true,
        };
        // Again on each attempt: a segment it refers to may have been deleted meanwhile.
        const held = await this.check(at, segment);
        await this.write(
          actor,
          at,
          segment,
          'absent',
          { action: 'create', after: toEvaluationSegment(segment) },
          [unchanged, ...held],
        );
      },
    );
    return segment;
  }

  patch(
    actor: Actor,
    at: EnvironmentLocator,
    key: string,
    request: PatchRequest,
    ifMatch?: number,
  ): Promise<SegmentResource> {
    return patchResource(request, ifMatch, {
      load: async () => {
        const before = await this.get(at, key);
        return { stored: before, before, version: before.version };
      },
      instructions: segmentInstructions,
      env: at.env,
      newId: this.deps.newId,
      schema: segmentResourceSchema,
      readOnly: ['key', 'version', 'salt'],
      save: async (edited, { before }) => {
        const held = await this.check(at, edited, before);
        const after = { ...edited, version: before.version + 1 };
        await this.write(
          actor,
          at,
          after,
          before.version,
          {
            action: 'update',
            comment: request.comment,
            before: toEvaluationSegment(before),
            after: toEvaluationSegment(after),
          },
          held,
        );
        return after;
      },
    });
  }

  /** Refuses while a flag or segment of the environment still refers to the segment. */
  delete(actor: Actor, at: EnvironmentLocator, key: string, ifMatch?: number): Promise<void> {
    const ref = { kind: 'segment', ...at, segment: key } as const;
    return deleteOnce(this.deps.store, ref, `Segment "${key}"`, ifMatch, () =>
      this.deleteUnused(actor, at, key, ifMatch),
    );
  }

  private async deleteUnused(
    actor: Actor,
    at: EnvironmentLocator,
    key: string,
    ifMatch: number | undefined,
  ): Promise<void> {
    // Before looking for users: a reference added after this read fails the delete.
    const noNewReferences = await referencesUnchanged(this.deps.store, at.project);
    const before = await this.stored(at, key);
    assertVersion(before.version, ifMatch);
    const contents = await this.deps.store.environmentContents(at);
    const index = environmentIndex(contents);
    const users = [
      ...contents.flags
        .filter((f) =>
          f.rules.some((r) => r.clauses.some((c) => c.op === 'segmentMatch' && c.values.includes(key))),
        )
        .map((f) => `flag "${f.key}"`),
      ...[...index.segments].filter(([, refs]) => refs.includes(key)).map(([s]) => `segment "${s}"`),
    ];
    if (users.length > 0) throw new ConflictError(`Segment "${key}" is used by ${users.join(', ')}`);
    const audit = auditEntry(this.deps, actor, {
      project: at.project,
      env: at.env,
      resource: 'segment',
      key,
      action: 'delete',
      before: toEvaluationSegment(resourceOf(before)),
    });
    await this.deps.store.transact(
      [
        { ref: { kind: 'segment', ...at, segment: key }, expect: before.version },
        {
          ref: { kind: 'retiredSegment', ...at, segment: key },
          value: retiredVersions([[at.env, before.version]]),
        },
        noNewReferences,
      ],
      [audit],
    );
  }
}
