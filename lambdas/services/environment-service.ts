import { lastFour, newClientSideId, newSalt, newSdkKey, sha256 } from '../domain/credentials.js';
import { type FlagRecord, newFlagEnvironment, toEvaluationFlag } from '../domain/flag-model.js';
import { environmentInstructions } from '../domain/instructions.js';
import type { PatchRequest } from '../domain/patch-request.js';
import { type CreateEnvironment, type Environment, environmentSchema } from '../domain/schemas.js';
import { NotFoundError, WriteConflictError } from '../errors.js';
import {
  type AuditDraft,
  assertVersion,
  auditEntry,
  createRacing,
  deleteOnce,
  found,
  patchResource,
  type ServiceDeps,
} from './common.js';
import {
  environmentSetChange,
  environmentSetGrowth,
  liveEnvironment,
  liveEnvironments,
  notFoundIn,
} from './environment-set.js';
import type { Actor, EnvironmentRecord, SdkKeyRecord, Write } from './ports.js';
import { retry } from './retry.js';

/** The environment as callers see it: key hashes never leave the service. */
export function publicEnvironment(record: EnvironmentRecord): Environment {
  const { deleting: _deleting, generation: _generation, ...shown } = record;
  return {
    ...shown,
    // Environments created before secure mode existed have no field: off.
    secureMode: record.secureMode ?? false,
    sdkKeys: record.sdkKeys.map(({ hash: _hash, ...key }) => key),
  };
}

/** Deletes of an environment's SDK key and client-side id items. */
export function credentialDeletes(record: EnvironmentRecord): Write[] {
  return [
    ...record.sdkKeys.map((k): Write => ({ ref: { kind: 'sdkKey', hash: k.hash } })),
    { ref: { kind: 'clientSideId', clientSideId: record.clientSideId } },
  ];
}

/** Two items each (the configuration and its flag's version check) in DynamoDB's 100. */
const CONFIGS_PER_TRANSACTION = 50;
const CREATE_CONFIG_ATTEMPTS = 5;

/** A flag's off configuration in a new environment, if the flag is still at the version read. */
function initialConfig(project: string, env: string, flag: FlagRecord): Write[] {
  const config = newFlagEnvironment(flag.variations.length, undefined, newSalt());
  return [
    {
      ref: { kind: 'flagConfig', project, env, flag: flag.key },
      value: toEvaluationFlag(flag, config),
      expect: 'absent',
    },
    { ref: { kind: 'flag', project, flag: flag.key }, expect: flag.version, check: true },
  ];
}

export interface EnvironmentWithKey {
  readonly environment: Environment;
  /** Shown once: only its hash is stored. */
  readonly sdkKey: string;
}

export class EnvironmentService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(project: string): Promise<Environment[]> {
    await found(this.deps.store.get({ kind: 'project', project }), `Project "${project}"`);
    return (await liveEnvironments(this.deps.store, project)).map(publicEnvironment);
  }

  async get(project: string, env: string): Promise<Environment> {
    return publicEnvironment(await this.record(project, env));
  }

  /** The environment's record; one being deleted is not found. */
  record(project: string, env: string): Promise<EnvironmentRecord> {
    return liveEnvironment(this.deps.store, { project, env });
  }

  private newKey(): { secret: string; record: SdkKeyRecord } {
    const secret = newSdkKey();
    const hash = sha256(secret);
    const createdAt = this.deps.clock.now().toISOString();
    return { secret, record: { hash, id: hash.slice(0, 12), last4: lastFour(secret), createdAt } };
  }

  private audit(actor: Actor, project: string, draft: Omit<AuditDraft, 'project' | 'resource'>) {
    return auditEntry(this.deps, actor, { project, resource: 'environment', env: draft.key, ...draft });
  }

  /** Creates the environment, its credentials, and an initial (off) configuration of every flag. */
  async create(actor: Actor, project: string, input: CreateEnvironment): Promise<EnvironmentWithKey> {
    const { store } = this.deps;
    await found(store.get({ kind: 'project', project }), `Project "${project}"`);
    const key = this.newKey();
    const generation = this.deps.newId();
    const record: EnvironmentRecord = {
      ...input,
      clientSideId: newClientSideId(),
      version: 1,
      createdAt: key.record.createdAt,
      sdkKeys: [key.record],
      generation,
    };
    const target = { project, env: input.key, generation };
    const ref = { kind: 'environment', project, env: input.key } as const;
    await createRacing(
      `Environment "${project}/${input.key}"`,
      async () => (await store.get(ref)) !== undefined,
      async () =>
        store.transact(
          [
            { ref, value: record, expect: 'absent' },
            {
              ref: { kind: 'sdkKey', hash: key.record.hash },
              value: target,
              expect: 'absent',
            },
            {
              ref: { kind: 'clientSideId', clientSideId: record.clientSideId },
              value: target,
              expect: 'absent',
            },
            // Flag writes listing environments before this one conflict, and retry with it.
            await environmentSetGrowth(store, project),
          ],
          [
            this.audit(actor, project, {
              key: input.key,
              action: 'create',
              after: publicEnvironment(record),
            }),
          ],
        ),
    );
    await this.createFlagConfigs(project, input.key);
    return { environment: publicEnvironment(record), sdkKey: key.secret };
  }

  /**
   * Writes every flag's initial configuration in the new environment, each checked against the
   * flag version it was built from. Flags created after the environment already have theirs; a
   * flag changed between the read and the write is read again.
   */
  private async createFlagConfigs(project: string, env: string): Promise<void> {
    const flags: FlagRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listFlags(project, { limit: 200, cursor });
      flags.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    for (let i = 0; i < flags.length; i += CONFIGS_PER_TRANSACTION) {
      const chunk = flags.slice(i, i + CONFIGS_PER_TRANSACTION);
      await this.deps.store
        .transact(
          chunk.flatMap((flag) => initialConfig(project, env, flag)),
          [],
        )
        .catch(async (error: unknown) => {
          if (!(error instanceof WriteConflictError)) throw error;
          for (const flag of chunk) await this.createFlagConfig(project, env, flag);
        });
    }
  }

  private async createFlagConfig(project: string, env: string, read: FlagRecord): Promise<void> {
    const { store } = this.deps;
    const policy = {
      attempts: CREATE_CONFIG_ATTEMPTS,
      retryOn: (error: unknown) => error instanceof WriteConflictError,
    };
    await retry(policy, async (attempt) => {
      // After a conflict the flag changed (or went): configure what it is now.
      const flag = attempt === 1 ? read : await store.get({ kind: 'flag', project, flag: read.key });
      if (!flag || (await store.get({ kind: 'flagConfig', project, env, flag: flag.key }))) return;
      await store.transact(initialConfig(project, env, flag), []);
    });
  }

  patch(
    actor: Actor,
    project: string,
    env: string,
    request: PatchRequest,
    ifMatch?: number,
  ): Promise<Environment> {
    return patchResource(request, ifMatch, {
      load: async () => {
        const record = await this.record(project, env);
        return { stored: record, before: publicEnvironment(record), version: record.version };
      },
      instructions: environmentInstructions,
      newId: this.deps.newId,
      schema: environmentSchema,
      readOnly: ['key', 'clientSideId', 'version', 'createdAt', 'sdkKeys'],
      save: (edited, { stored, before }) => this.update(actor, project, env, request, stored, before, edited),
    });
  }

  private async update(
    actor: Actor,
    project: string,
    env: string,
    request: PatchRequest,
    record: EnvironmentRecord,
    before: Environment,
    edited: Environment,
  ): Promise<Environment> {
    // Receipts come from the edit alone, so a JSON Patch `remove` of `/receipts` removes them.
    const { receipts: _receipts, ...kept } = record;
    const next: EnvironmentRecord = {
      ...kept,
      name: edited.name,
      color: edited.color,
      secureMode: edited.secureMode,
      ...(edited.receipts ? { receipts: edited.receipts } : {}),
      version: record.version + 1,
    };
    const after = publicEnvironment(next);
    const audit = this.audit(actor, project, {
      key: env,
      action: 'update',
      comment: request.comment,
      before,
      after,
    });
    await this.deps.store.transact(
      [{ ref: { kind: 'environment', project, env }, value: next, expect: record.version }],
      [audit],
    );
    return after;
  }

  /**
   * Issues a new SDK key. Earlier keys keep working for `expiryHours` (never longer than an expiry
   * they already had); 0 revokes them at once. Keys already past their expiry are cleaned up. A key
   * deleted here, or later by the key-expiry sweep, has its connections closed by the revoker.
   */
  async rotate(actor: Actor, project: string, env: string, expiryHours: number): Promise<EnvironmentWithKey> {
    const record = await this.record(project, env);
    const now = this.deps.clock.now();
    const until = new Date(now.getTime() + expiryHours * 3_600_000).toISOString();
    const key = this.newKey();
    const target = { project, env, ...(record.generation ? { generation: record.generation } : {}) };
    const writes: Write[] = [
      { ref: { kind: 'sdkKey', hash: key.record.hash }, value: target, expect: 'absent' },
    ];
    const kept: SdkKeyRecord[] = [];
    for (const old of record.sdkKeys) {
      const expiresAt = old.expiresAt !== undefined && old.expiresAt < until ? old.expiresAt : until;
      if (expiryHours === 0 || expiresAt <= now.toISOString()) {
        writes.push({ ref: { kind: 'sdkKey', hash: old.hash } });
        continue;
      }
      kept.push({ ...old, expiresAt });
      writes.push({ ref: { kind: 'sdkKey', hash: old.hash }, value: { ...target, expiresAt } });
      // The key-expiry sweep deletes the key at its (new or earlier) end; see KeyExpiryService.
      if (old.expiresAt !== expiresAt) {
        writes.push({
          ref: { kind: 'keyExpiry', expiresAt, hash: old.hash },
          value: { project, env, hash: old.hash, expiresAt },
        });
      }
    }
    const next: EnvironmentRecord = {
      ...record,
      sdkKeys: [...kept, key.record],
      version: record.version + 1,
    };
    const audit = this.audit(actor, project, {
      key: env,
      action: 'update',
      comment: `SDK key rotated; previous keys expire ${expiryHours === 0 ? 'now' : `at ${until}`}`,
      before: publicEnvironment(record),
      after: publicEnvironment(next),
    });
    writes.push({ ref: { kind: 'environment', project, env }, value: next, expect: record.version });
    await this.deps.store.transact(writes, [audit]);
    return { environment: publicEnvironment(next), sdkKey: key.secret };
  }

  /**
   * Deletes in three steps, each safe to repeat: marks the environment `deleting` and bumps the
   * environment set (from then on no flag or segment write reaches it: flag writes skip it or
   * conflict, segment writes check its version), deletes its flag and segment items (each a stream
   * REMOVE for the fan-out), then the environment and its credentials. A retry after a crash
   * resumes from the mark. `ifMatch` names the live environment's version: one already marked is
   * no longer at any version a caller could have read, so only a retry without it resumes.
   */
  delete(actor: Actor, project: string, env: string, ifMatch?: number): Promise<void> {
    const { store } = this.deps;
    const ref = { kind: 'environment', project, env } as const;
    return deleteOnce(store, ref, `Environment "${project}/${env}"`, ifMatch, async () => {
      const record = await this.markDeleting(project, env, ifMatch);
      const audit = this.audit(actor, project, {
        key: env,
        action: 'delete',
        before: publicEnvironment(record),
      });
      await store.deleteEnvironmentContents({ project, env });
      // At the marked version: of deletions resuming side by side, one removes it and audits.
      await store.transact([{ ref, expect: record.version }, ...credentialDeletes(record)], [audit]);
    });
  }

  private async markDeleting(project: string, env: string, ifMatch?: number): Promise<EnvironmentRecord> {
    const { store } = this.deps;
    const ref = { kind: 'environment', project, env } as const;
    const what = `Environment "${project}/${env}"`;
    const record = await store.get(ref);
    if (!record) throw await notFoundIn(store, project, what);
    if (record.deleting && ifMatch !== undefined) throw new NotFoundError(what);
    if (record.deleting) return record;
    assertVersion(record.version, ifMatch);
    const marked: EnvironmentRecord = { ...record, deleting: true, version: record.version + 1 };
    await store.transact(
      [{ ref, value: marked, expect: record.version }, await environmentSetChange(store, project)],
      [],
    );
    return marked;
  }
}
