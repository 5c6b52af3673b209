import type { AuditRecord, EntityKind, EntityRef } from '../../services/ports.js';

/** The flags table's key layout, exactly as `@switchboard/topology`'s tables.ts documents it. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export const projectPk = (project: string) => `PROJECT#${project}`;
export const envPk = (project: string, env: string) => `ENV#${project}#${env}`;
export const PROJECTS_PK = 'PROJECTS';
export const TOKENS_PK = 'TOKENS';
export const FLAG_SK = 'FLAG#';
export const SEGMENT_SK = 'SEGMENT#';
export const ENV_SK = 'ENV#';
export const KEY_EXPIRY_PK = 'KEYEXPIRY';
/**
 * Attribute the control store adds to every flag and segment item of an environment: when the write
 * was sent (epoch ms), so that the stream's fan-out knows a change's time to the millisecond (its
 * records carry whole seconds). Never part of what readers or SDKs see.
 */
export const WRITTEN_AT = 'writtenAt';

type KeyBuilders = { [K in EntityKind]: (ref: EntityRef<K>) => ItemKey };

const builders: KeyBuilders = {
  project: (r) => ({ pk: projectPk(r.project), sk: 'PROJECT' }),
  environment: (r) => ({ pk: projectPk(r.project), sk: `${ENV_SK}${r.env}` }),
  flag: (r) => ({ pk: projectPk(r.project), sk: `${FLAG_SK}${r.flag}` }),
  flagConfig: (r) => ({ pk: envPk(r.project, r.env), sk: `${FLAG_SK}${r.flag}` }),
  segment: (r) => ({ pk: envPk(r.project, r.env), sk: `${SEGMENT_SK}${r.segment}` }),
  sdkKey: (r) => ({ pk: `SDKKEY#${r.hash}`, sk: 'SDKKEY' }),
  clientSideId: (r) => ({ pk: `CLIENTSIDE#${r.clientSideId}`, sk: 'CLIENTSIDE' }),
  token: (r) => ({ pk: `TOKEN#${r.hash}`, sk: 'TOKEN' }),
  tokenListing: (r) => ({ pk: TOKENS_PK, sk: `TOKEN#${r.id}` }),
  retiredFlag: (r) => ({ pk: projectPk(r.project), sk: `RETIRED#FLAG#${r.flag}` }),
  retiredSegment: (r) => ({ pk: projectPk(r.project), sk: `RETIRED#SEGMENT#${r.env}#${r.segment}` }),
  environmentSet: (r) => ({ pk: projectPk(r.project), sk: 'ENVIRONMENTS' }),
  referenceRevision: (r) => ({ pk: projectPk(r.project), sk: 'REFERENCES' }),
  keyExpiry: (r) => ({ pk: KEY_EXPIRY_PK, sk: `${r.expiresAt}#${r.hash}` }),
};

export function keyOf<K extends EntityKind>(ref: EntityRef<K>): ItemKey {
  return (builders[ref.kind] as (r: EntityRef<K>) => ItemKey)(ref);
}

/**
 * Projects live in partitions of their own, so listing them would need a Scan; a listing item per
 * project under `PROJECTS` (like `TOKENS`) makes it one Query. The adapter keeps it in step.
 */
export const projectListingKey = (project: string): ItemKey => ({
  pk: PROJECTS_PK,
  sk: `PROJECT#${project}`,
});

/** Audit keys: newest-first Queries per project, per flag (`byFlag`) and per environment (`byEnv`). */
export const auditFlagPk = (project: string, flag: string) => `${projectPk(project)}#FLAG#${flag}`;
export const auditEnvPk = (project: string, env: string) => `${projectPk(project)}#ENV#${env}`;

/** The global audit log's partition: apart from every `PROJECT#{p}`, so no project filter reaches it. */
export const GLOBAL_AUDIT_PK = 'GLOBAL';

export function auditKeys(entry: AuditRecord) {
  if (!('project' in entry)) return { pk: GLOBAL_AUDIT_PK, sk: `${entry.time}#${entry.id}` };
  return {
    pk: projectPk(entry.project),
    sk: `${entry.time}#${entry.id}`,
    ...(entry.resource === 'flag' ? { flagPk: auditFlagPk(entry.project, entry.key) } : {}),
    ...(entry.env ? { envPk: auditEnvPk(entry.project, entry.env) } : {}),
  };
}
