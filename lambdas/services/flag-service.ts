import { copiedConfig, jsonEqual } from '@switchboard/core';
import {
  checkFlagConfig,
  checkVariationType,
  checkVariationValues,
  movedServeIssues,
  throwIssues,
} from '@switchboard/core/schema';
import { newSalt } from '../domain/credentials.js';
import { copiedActions } from '../domain/flag-copy.js';
import {
  type FlagRecord,
  flagFieldsOf,
  newFlagEnvironment,
  splitFlagResource,
  toEvaluationFlag,
  toFlagEnvironment,
  toFlagResource,
} from '../domain/flag-model.js';
import { assertGuarded, type FlagScope } from '../domain/if-match-scope.js';
import { flagInstructions } from '../domain/instructions.js';
import type { PatchRequest } from '../domain/patch-request.js';
import { movedPrerequisiteIssues, movedVariations } from '../domain/prerequisite-variations.js';
import type { EvaluationFlag } from '../domain/response-schemas.js';
import {
  type CopyFlag,
  type CreateFlag,
  type FlagEnvironment,
  type FlagFields,
  type FlagListQuery,
  type FlagResource,
  flagResourceSchema,
} from '../domain/schemas.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import {
  assertUnchanged,
  assertVersion,
  auditEntry,
  createRacing,
  deleteOnce,
  firstVersion,
  found,
  patchResource,
  readModifyWrite,
  retiredVersions,
  type ServiceDeps,
} from './common.js';
import { environmentIndex } from './environment-index.js';
import { liveEnvironments, notFoundIn, readEnvironmentSet } from './environment-set.js';
import type { Actor, FlagState, Page, Write } from './ports.js';
import {
  addedReferenceChecks,
  flagReferences,
  holdingReferences,
  referencesUnchanged,
} from './references.js';

interface LoadedFlag {
  readonly record: FlagRecord;
  readonly configs: Record<string, EvaluationFlag>;
  /**
   * Hold while no environment was created or deleted since the load, and no environment without
   * this flag's configuration (a new one whose configurations are still being written) gained it.
   */
  readonly environmentsUnchanged: readonly Write[];
}

export type FlagListItem = FlagRecord & { readonly environments: Record<string, FlagState> };

export type FlagPatchOptions = FlagScope;

const values = (flag: FlagResource) => flag.variations.map((v) => v.value);

/** A flag's PATCH edits its environments' configurations, never which environments it has. */
function assertEnvironmentsKept(before: FlagResource, after: FlagResource): void {
  const envs = (r: FlagResource) => Object.keys(r.environments).sort().join(',');
  if (envs(before) !== envs(after)) {
    throw new ValidationError(
      'environments: environments are added and removed through the environments API',
      'environments',
    );
  }
  for (const [env, config] of Object.entries(after.environments)) {
    assertUnchanged(before.environments[env] ?? config, config, ['version'], `environments.${env}.`);
  }
}

/**
 * Flags: project-level fields in one item, and per environment the evaluation JSON SDKs receive
 * (variations copied in), so one stream record carries all a fan-out needs. Every per-environment
 * change bumps that item's version and writes its audit entry in the same transaction.
 */
export class FlagService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A page of flags, each with its on/off state and version in every environment (for the flag list). */
  async list(project: string, query: FlagListQuery): Promise<Page<FlagListItem>> {
    const { store } = this.deps;
    await found(store.get({ kind: 'project', project }), `Project "${project}"`);
    const [page, environments] = await Promise.all([
      store.listFlags(project, query),
      liveEnvironments(store, project),
    ]);
    const states = await store.flagStates(
      project,
      environments.map((e) => e.key),
      page.items.map((f) => f.key),
    );
    return { ...page, items: page.items.map((f) => ({ ...f, environments: states.get(f.key) ?? {} })) };
  }

  private async load(project: string, key: string): Promise<LoadedFlag> {
    const { store } = this.deps;
    const record = await store.get({ kind: 'flag', project, flag: key });
    if (record === undefined) throw await notFoundIn(store, project, `Flag "${key}"`);
    const { environments, unchanged } = await readEnvironmentSet(store, project);
    const configs: Record<string, EvaluationFlag> = {};
    await Promise.all(
      environments.map(async ({ key: env }) => {
        const config = await store.get({ kind: 'flagConfig', project, env, flag: key });
        if (config) configs[env] = config;
      }),
    );
    const stillMissing = environments
      .filter(({ key: env }) => !configs[env])
      .map(
        ({ key: env }): Write => ({
          ref: { kind: 'flagConfig', project, env, flag: key },
          expect: 'absent',
          check: true,
        }),
      );
    return { record, configs, environmentsUnchanged: [unchanged, ...stillMissing] };
  }

  private static resource(loaded: LoadedFlag, env: string | undefined): FlagResource {
    if (env !== undefined && !loaded.configs[env]) throw new NotFoundError(`Environment "${env}"`);
    const envs = env === undefined ? Object.keys(loaded.configs).sort() : [env];
    const environments = Object.fromEntries(
      envs.map((e) => [e, toFlagEnvironment(loaded.configs[e] as EvaluationFlag)]),
    );
    return toFlagResource(loaded.record, environments);
  }

  async get(project: string, key: string, env?: string): Promise<FlagResource> {
    return FlagService.resource(await this.load(project, key), env);
  }

  async create(actor: Actor, project: string, input: CreateFlag): Promise<FlagResource> {
    const { store, clock } = this.deps;
    await found(store.get({ kind: 'project', project }), `Project "${project}"`);
    const fields = flagFieldsOf(input);
    throwIssues(checkVariationValues(fields.variations.map((v) => v.value)));
    const count = fields.variations.length;
    const defaults = input.defaults;
    for (const field of ['onVariation', 'offVariation'] as const) {
      if (defaults && defaults[field] >= count)
        throw new ValidationError(`defaults.${field}: out of range`, `defaults.${field}`);
    }
    const record: FlagRecord = { ...fields, version: 1, createdAt: clock.now().toISOString() };
    const ref = { kind: 'flag', project, flag: fields.key } as const;
    await createRacing(
      `Flag "${fields.key}"`,
      async () => (await store.get(ref)) !== undefined,
      () => this.createEverywhere(actor, project, record, defaults),
    );
    return this.get(project, fields.key);
  }

  /** The flag and its configuration in every environment, in one transaction checked against the environment set. */
  private async createEverywhere(
    actor: Actor,
    project: string,
    record: FlagRecord,
    defaults: CreateFlag['defaults'],
  ): Promise<void> {
    const { store } = this.deps;
    const { version: _version, createdAt: _createdAt, ...fields } = record;
    const count = fields.variations.length;
    const { environments: envs, unchanged } = await readEnvironmentSet(store, project);
    const retired = await store.get({ kind: 'retiredFlag', project, flag: fields.key });
    const writes: Write[] = [
      { ref: { kind: 'flag', project, flag: fields.key }, value: record, expect: 'absent' },
      unchanged,
    ];
    const audit = [
      auditEntry(this.deps, actor, {
        project,
        resource: 'flag',
        key: fields.key,
        action: 'create',
        after: record,
      }),
    ];
    for (const { key: env } of envs) {
      const config = toEvaluationFlag(fields, {
        ...newFlagEnvironment(count, defaults, newSalt()),
        version: firstVersion(retired, env),
      });
      writes.push({
        ref: { kind: 'flagConfig', project, env, flag: fields.key },
        value: config,
        expect: 'absent',
      });
      audit.push(
        auditEntry(this.deps, actor, {
          project,
          resource: 'flag',
          key: fields.key,
          env,
          action: 'create',
          after: config,
        }),
      );
    }
    await store.transact(writes, audit);
  }

  patch(
    actor: Actor,
    project: string,
    key: string,
    request: PatchRequest,
    options: FlagPatchOptions,
  ): Promise<FlagResource> {
    return patchResource(request, options.ifMatch, {
      load: async () => {
        const stored = await this.load(project, key);
        const before = FlagService.resource(stored, options.env);
        const version =
          options.env === undefined
            ? stored.record.version
            : (before.environments[options.env]?.version ?? 0);
        return { stored, before, version };
      },
      instructions: flagInstructions,
      env: options.env,
      newId: this.deps.newId,
      schema: flagResourceSchema,
      readOnly: ['key', 'version', 'createdAt'],
      save: async (after, { stored, before }) => {
        assertEnvironmentsKept(before, after);
        assertGuarded(before, after, request, options);
        const [was, now] = [values(before), values(after)];
        throwIssues(checkVariationType(was, now));
        // Flags saved before values had to differ still take every other change.
        if (!jsonEqual(was, now)) throwIssues(checkVariationValues(now));
        const moved = movedVariations(was, now);
        const written = await this.save(actor, project, stored, after, { moved, comment: request.comment });
        return FlagService.resource(written, options.env);
      },
    });
  }

  /**
   * Copies the configuration of `request.source` into `request.target` (the parts its actions
   * name): one write of the target as a PATCH of it would make, checked against the target
   * environment, holding only while the source still has the version it was copied from.
   * `currentVersion` at either end is an `If-Match` for that environment.
   */
  copy(actor: Actor, project: string, key: string, request: CopyFlag): Promise<FlagResource> {
    const actions = copiedActions(request);
    const { source, target } = request;
    return readModifyWrite(source.currentVersion ?? target.currentVersion, async () => {
      const stored = await this.load(project, key);
      const [from, to] = [source, target].map(({ key: env, currentVersion }) => {
        const config = stored.configs[env];
        if (!config) throw new NotFoundError(`Environment "${project}/${env}"`);
        assertVersion(config.version, currentVersion);
        return toFlagEnvironment(config);
      }) as [FlagEnvironment, FlagEnvironment];
      const before = FlagService.resource(stored, undefined);
      const after = {
        ...before,
        environments: { ...before.environments, [target.key]: copiedConfig(from, to, actions) },
      };
      const sourceKept: Write = {
        ref: { kind: 'flagConfig', project, env: source.key, flag: key },
        expect: from.version,
        check: true,
      };
      const written = await this.save(actor, project, stored, after, {
        comment: request.comment ?? `Copied from ${source.key}`,
        held: [sourceKept],
      });
      return FlagService.resource(written, undefined);
    });
  }

  /**
   * Checks `after` and writes what differs from `stored` in one transaction, with the conditions
   * in `held`; returns what it wrote (rather than a second read of every item just written).
   */
  private async save(
    actor: Actor,
    project: string,
    stored: LoadedFlag,
    after: FlagResource,
    options: { moved?: readonly number[]; comment?: string | undefined; held?: readonly Write[] },
  ): Promise<LoadedFlag> {
    const key = stored.record.key;
    const checks = await this.checkReferences(project, key, stored, options.moved ?? [], after);
    const { writes, audit, written } = this.changes(actor, project, stored, after, options.comment);
    if (writes.length > 0)
      await this.deps.store.transact([...writes, ...checks, ...(options.held ?? [])], audit);
    return written;
  }

  /**
   * Checks the environments whose evaluation JSON changes against the other flags and segments
   * there, every environment when the change `moved` variations (they are copied into each);
   * returns the conditions that keep what the change newly refers to in place, and no prerequisite
   * naming a variation it moves added, until it is written (see `references.ts`).
   */
  private async checkReferences(
    project: string,
    key: string,
    stored: LoadedFlag,
    moved: readonly number[],
    after: FlagResource,
  ): Promise<Write[]> {
    // Read before looking for prerequisites on a moved variation: one added since fails the write.
    const noNewReferences =
      moved.length > 0 ? await referencesUnchanged(this.deps.store, project) : undefined;
    const count = after.variations.length;
    const checks: Write[] = [];
    for (const [env, storedConfig] of Object.entries(stored.configs)) {
      const previous = toFlagEnvironment(storedConfig);
      const config = after.environments[env] ?? previous;
      // An unchanged configuration, or one only turned on or off, refers to nothing new while every
      // variation stays where it was (one added is named by nothing yet), and reading the whole
      // environment to check it would make a toggle's cost grow with the number of flags.
      if (moved.length === 0 && jsonEqual({ ...previous, on: config.on }, config)) continue;
      const contents = await this.deps.store.environmentContents({ project, env });
      const field = `environments.${env}`;
      throwIssues([
        ...checkFlagConfig(key, count, config, environmentIndex(contents), field),
        ...movedPrerequisiteIssues(key, moved, env, contents.flags),
        ...movedServeIssues(moved, previous, config, count, field),
      ]);
      checks.push(
        ...addedReferenceChecks({ project, env }, flagReferences(previous), flagReferences(config), contents),
      );
    }
    return holdingReferences(project, checks, noNewReferences);
  }

  private changes(actor: Actor, project: string, loaded: LoadedFlag, after: FlagResource, comment?: string) {
    const { fields, environments } = splitFlagResource(after);
    const writes: Write[] = [];
    const audit = [];
    const { record } = loaded;
    const { version: _v, createdAt: _c, ...beforeFields } = record;
    const fieldsChanged = !jsonEqual(beforeFields, fields);
    let nextRecord = record;
    const nextConfigs = { ...loaded.configs };
    if (fieldsChanged) {
      const next: FlagRecord = { ...fields, version: record.version + 1, createdAt: record.createdAt };
      nextRecord = next;
      writes.push({ ref: { kind: 'flag', project, flag: record.key }, value: next, expect: record.version });
      // Copied into every environment's configuration, so every environment must be in `loaded`.
      writes.push(...loaded.environmentsUnchanged);
      audit.push(
        auditEntry(this.deps, actor, {
          project,
          resource: 'flag',
          key: record.key,
          action: 'update',
          comment,
          before: record,
          after: next,
        }),
      );
    }
    // Variations and client-side availability are copied into every environment's JSON, so a
    // project-level change rewrites environments the patch did not narrow to.
    for (const [env, previous] of Object.entries(loaded.configs)) {
      const config = environments[env] ?? toFlagEnvironment(previous);
      const candidate = toEvaluationFlag(fields as FlagFields, { ...config, version: previous.version });
      if (jsonEqual(candidate, previous)) continue;
      const next = { ...candidate, version: previous.version + 1 };
      nextConfigs[env] = next;
      writes.push({
        ref: { kind: 'flagConfig', project, env, flag: record.key },
        value: next,
        expect: previous.version,
      });
      audit.push(
        auditEntry(this.deps, actor, {
          project,
          resource: 'flag',
          key: record.key,
          env,
          action: 'update',
          comment,
          before: previous,
          after: next,
        }),
      );
    }
    const written: LoadedFlag = { ...loaded, record: nextRecord, configs: nextConfigs };
    return { writes, audit, written };
  }

  /**
   * Deletes the flag everywhere; each environment item's removal is a stream REMOVE for the fan-out.
   * `ifMatch` names the flag's project-level version, as a PATCH without `?env=` does.
   */
  delete(actor: Actor, project: string, key: string, ifMatch?: number): Promise<void> {
    const ref = { kind: 'flag', project, flag: key } as const;
    return deleteOnce(this.deps.store, ref, `Flag "${key}"`, ifMatch, () =>
      this.deleteLoaded(actor, project, key, ifMatch),
    );
  }

  private async deleteLoaded(actor: Actor, project: string, key: string, ifMatch?: number): Promise<void> {
    // Before looking for flags that have this one as a prerequisite: one added since then fails the delete.
    const noNewReferences = await referencesUnchanged(this.deps.store, project);
    const loaded = await this.load(project, key);
    assertVersion(loaded.record.version, ifMatch);
    await this.assertNotPrerequisite(project, key, Object.keys(loaded.configs));
    const writes: Write[] = [
      { ref: { kind: 'flag', project, flag: key }, expect: loaded.record.version },
      ...loaded.environmentsUnchanged,
      noNewReferences,
    ];
    const audit = [
      auditEntry(this.deps, actor, {
        project,
        resource: 'flag',
        key,
        action: 'delete',
        before: loaded.record,
      }),
    ];
    writes.push({
      ref: { kind: 'retiredFlag', project, flag: key },
      value: retiredVersions(Object.entries(loaded.configs).map(([env, config]) => [env, config.version])),
    });
    for (const [env, config] of Object.entries(loaded.configs)) {
      writes.push({ ref: { kind: 'flagConfig', project, env, flag: key }, expect: config.version });
      audit.push(
        auditEntry(this.deps, actor, {
          project,
          resource: 'flag',
          key,
          env,
          action: 'delete',
          before: config,
        }),
      );
    }
    await this.deps.store.transact(writes, audit);
  }

  private async assertNotPrerequisite(project: string, key: string, envs: readonly string[]): Promise<void> {
    for (const env of envs) {
      const { flags } = await this.deps.store.environmentContents({ project, env });
      const dependent = flags.find((f) => f.prerequisites.some((p) => p.key === key));
      if (dependent)
        throw new ConflictError(`Flag "${dependent.key}" in "${env}" has "${key}" as a prerequisite`);
    }
  }
}
