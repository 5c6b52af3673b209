/**
 * Tables of the platform. The CDK stack creates them from this list, and the local runtime creates
 * the same tables in DynamoDB Local from it; handlers find each table's name in `envVar`.
 */
export type AttributeType = 'S' | 'N';

export interface KeyDeclaration {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDeclaration {
  readonly indexName: string;
  readonly partitionKey: KeyDeclaration;
  readonly sortKey?: KeyDeclaration;
}

export interface TableDeclaration {
  /** Logical name, also the CDK construct id's stem. */
  readonly name: TableName;
  /** Environment variable through which handlers receive the physical table name. */
  readonly envVar: string;
  readonly partitionKey: KeyDeclaration;
  readonly sortKey?: KeyDeclaration;
  /** @default no stream */
  readonly stream?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
  /** Attribute holding an epoch-seconds expiry. @default no TTL */
  readonly timeToLiveAttribute?: string;
  /** @default false */
  readonly pointInTimeRecovery?: boolean;
  readonly globalSecondaryIndexes?: readonly IndexDeclaration[];
}

export type TableName = 'flags' | 'audit' | 'connections' | 'analytics';

const stringKey = (name: string): KeyDeclaration => ({ name, type: 'S' });

/**
 * Key layout (all keys are strings; `{p}` project key, `{e}` environment key):
 *
 * flags — the control data; its stream drives delivery.
 *   PROJECT#{p}            / PROJECT                project
 *   PROJECT#{p}            / ENV#{e}                environment (key hashes, client-side id, colour)
 *   PROJECT#{p}            / FLAG#{f}               project-level flag fields
 *   PROJECT#{p}            / RETIRED#FLAG#{f}       a deleted flag's tombstone version per environment
 *   PROJECT#{p}            / RETIRED#SEGMENT#{e}#{s} a deleted segment's tombstone version
 *     (a re-created key starts above it, since SDKs drop versions not newer than a tombstone)
 *   PROJECT#{p}            / ENVIRONMENTS           the environment-set revision: bumped by environment create and delete
 *   PROJECT#{p}            / REFERENCES             the reference revision: bumped by writes adding a prerequisite or segment reference
 *   ENV#{p}#{e}            / FLAG#{f}               the flag's evaluation JSON for one environment
 *   ENV#{p}#{e}            / SEGMENT#{s}            the segment's evaluation JSON
 *     (both with `writtenAt`, the write's epoch ms, which the stream's fan-out reads and no reader sees)
 *   SDKKEY#{sha256}        / SDKKEY                 server-side SDK key → environment (expiresAt while rotating)
 *   CLIENTSIDE#{id}        / CLIENTSIDE             client-side id → environment
 *   TOKEN#{sha256}         / TOKEN                  API token → id, name, global role or per-project roles, expiresAt
 *   TOKENS                 / TOKEN#{id}             API token listing (no secret)
 *   PROJECTS               / PROJECT#{p}            project listing (one Query lists projects)
 *   KEYEXPIRY              / {expiresAt}#{sha256}   when a rotated SDK key's overlap ends (the key-expiry sweep)
 *   One Query on `ENV#{p}#{e}` returns everything an SDK needs; stream consumers filter on that prefix.
 *
 * audit — GSI `byFlag` (`PROJECT#{p}#FLAG#{f}`) and `byEnv` (`PROJECT#{p}#ENV#{e}`), sorted by `sk`
 *   (`{ISO time}#{id}`), so each of the API's filters is one Query. `GLOBAL` / `{ISO time}#{id}` holds
 *   the global log (API token creation, rotation, revocation).
 *
 * connections — `ENV#{p}#{e}#SLICE#{n}` / `{connectionId}` spreads one environment's connections over
 *   a fixed number of slices that fan-out workers read in parallel; `CONN#{connectionId}` / `CONN`
 *   points back from a connection to its slice for `$disconnect`. Both carry the connection's
 *   `credential` and its environment's `generation`, which revocation checks. The fast path's
 *   `HANDOFF#{id}` / `PART#{n}` (a replica's claim of a part) and `POSTED#{p}#{e}` /
 *   `{kind}#{key}#{version}` (`h` once the write path handed the change over, `p{slice}` while
 *   posting it, `d{slice}` once posted, which the stream's fan-out skips, `n{slice}` where the fast
 *   path left it to the stream) expire after ten minutes (`ttl`).
 *
 * analytics — `ENV#{p}#{e}#FLAG#{f}` / `{granularity}#{bucket start}#{variation}` counters, TTL on old
 *   buckets. Custom-event counters (`ENV#{p}#{e}#EVENT#{k}` / `{granularity}#{bucket start}`) also carry
 *   `envPk` `ENV#{p}#{e}#EVENTS` and `envSk` `{granularity}#{bucket start}#{k}`: GSI `eventsByEnv` lists
 *   every event key of an environment in a time range, oldest bucket first, one Query per page.
 */
export const tables: readonly TableDeclaration[] = [
  {
    name: 'flags',
    envVar: 'FLAGS_TABLE',
    partitionKey: stringKey('pk'),
    sortKey: stringKey('sk'),
    stream: 'NEW_AND_OLD_IMAGES',
    pointInTimeRecovery: true,
  },
  {
    name: 'audit',
    envVar: 'AUDIT_TABLE',
    partitionKey: stringKey('pk'),
    sortKey: stringKey('sk'),
    pointInTimeRecovery: true,
    globalSecondaryIndexes: [
      { indexName: 'byFlag', partitionKey: stringKey('flagPk'), sortKey: stringKey('sk') },
      { indexName: 'byEnv', partitionKey: stringKey('envPk'), sortKey: stringKey('sk') },
    ],
  },
  {
    name: 'connections',
    envVar: 'CONNECTIONS_TABLE',
    partitionKey: stringKey('pk'),
    sortKey: stringKey('sk'),
    timeToLiveAttribute: 'ttl',
  },
  {
    name: 'analytics',
    envVar: 'ANALYTICS_TABLE',
    partitionKey: stringKey('pk'),
    sortKey: stringKey('sk'),
    timeToLiveAttribute: 'ttl',
    globalSecondaryIndexes: [
      { indexName: 'eventsByEnv', partitionKey: stringKey('envPk'), sortKey: stringKey('envSk') },
    ],
  },
];

export function tableNamed(name: TableName): TableDeclaration {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`No table declared as "${name}"`);
  return table;
}
