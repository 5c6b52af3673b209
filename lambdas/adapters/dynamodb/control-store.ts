import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { FlagRecord } from '../../domain/flag-model.js';
import type { FlagListQuery, Project } from '../../domain/schemas.js';
import { ServiceUnavailableError, WriteConflictError } from '../../errors.js';
import type {
  AuditRecord,
  ControlStore,
  EntityKind,
  EntityRef,
  EntityTypes,
  EnvironmentContents,
  EnvironmentLocator,
  EnvironmentRecord,
  FlagState,
  KeyExpiry,
  Page,
  PageRequest,
  StoredSegment,
  TokenListing,
  Write,
} from '../../services/ports.js';
import { AGAIN, retry } from '../../services/retry.js';
import { tableName } from '../config.js';
import {
  auditKeys,
  ENV_SK,
  envPk,
  FLAG_SK,
  type ItemKey,
  KEY_EXPIRY_PK,
  keyOf,
  PROJECTS_PK,
  projectListingKey,
  projectPk,
  SEGMENT_SK,
  TOKENS_PK,
  WRITTEN_AT,
} from './keys.js';
import { batchGetAll, type Item, queryAll, queryPage, withoutKeys } from './query.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attributes the adapter adds to a flag's project item for case-insensitive search. */
const SEARCH_TEXT = 'searchText';
const MAX_TRANSACTION_ITEMS = 100;
/** Unprocessed deletes mean throttling: 8 requests in all, backing off (with jitter) from 50 ms. */
const BATCH_DELETE_RETRIES = { attempts: 8, delayMs: (retry: number) => Math.random() * 25 * 2 ** retry };

function condition(expect: Write['expect']) {
  if (expect === undefined) return {};
  if (expect === 'absent') return { ConditionExpression: 'attribute_not_exists(pk)' };
  if (expect === 'present') return { ConditionExpression: 'attribute_exists(pk)' };
  if (expect === 0)
    return {
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    };
  return {
    ConditionExpression: '#version = :version',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':version': expect },
  };
}

function storedValue(write: Write, writtenAt: number): Item {
  const value: Item = { ...(write.value as Item) };
  if (write.ref.kind === 'flag') {
    const flag = write.value as FlagRecord;
    value[SEARCH_TEXT] = `${flag.key} ${flag.name}`.toLowerCase();
  }
  if (write.ref.kind === 'flagConfig' || write.ref.kind === 'segment') value[WRITTEN_AT] = writtenAt;
  return value;
}

/** True when DynamoDB refused a write because a condition failed or another transaction got there first. */
function isWriteConflict(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some(
      (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
    );
  }
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** `ControlStore` on the flags and audit tables (tables.ts documents the layout). */
export class DynamoControlStore implements ControlStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly flagsTable = tableName('flags'),
    private readonly auditTable = tableName('audit'),
  ) {}

  async get<K extends EntityKind>(ref: EntityRef<K>): Promise<EntityTypes[K]['value'] | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.flagsTable, Key: keyOf(ref), ConsistentRead: true }),
    );
    return out.Item ? withoutKeys(out.Item, [SEARCH_TEXT, WRITTEN_AT]) : undefined;
  }

  async transact(
    writes: readonly Write[],
    audit: readonly AuditRecord[],
    writtenAt = Date.now(),
  ): Promise<void> {
    const items = [
      ...writes.flatMap((w) => this.transactItems(w, writtenAt)),
      ...audit.map((a) => this.auditItem(a)),
    ];
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw new Error(`A transaction of ${items.length} items exceeds DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (isWriteConflict(error))
        throw new WriteConflictError('The resource changed concurrently; reload and retry', { cause: error });
      throw error;
    }
  }

  private transactItems(write: Write, writtenAt: number): TransactItem[] {
    const key = keyOf(write.ref);
    if (write.check) return [this.checkItem(key, write.expect)];
    if (write.increment) return [this.incrementItem(key, write.expect)];
    const main = this.writeItem(
      key,
      write.value === undefined ? undefined : storedValue(write, writtenAt),
      write.expect,
    );
    if (write.ref.kind !== 'project') return [main];
    return [main, this.writeItem(projectListingKey(write.ref.project), write.value as Item | undefined)];
  }

  private writeItem(key: ItemKey, value: Item | undefined, expect?: Write['expect']): TransactItem {
    if (value === undefined)
      return { Delete: { TableName: this.flagsTable, Key: key, ...condition(expect) } };
    return { Put: { TableName: this.flagsTable, Item: { ...value, ...key }, ...condition(expect) } };
  }

  private checkItem(key: ItemKey, expect: Write['expect']): TransactItem {
    const { ConditionExpression, ...names } = condition(expect);
    if (!ConditionExpression) throw new Error('A check needs an expectation');
    return { ConditionCheck: { TableName: this.flagsTable, Key: key, ConditionExpression, ...names } };
  }

  /** Unconditional unless `expect` is given, so writers bumping the same revision conflict only when truly simultaneous. */
  private incrementItem(key: ItemKey, expect: Write['expect']): TransactItem {
    const { ExpressionAttributeValues, ...expected } = condition(expect);
    return {
      Update: {
        TableName: this.flagsTable,
        Key: key,
        UpdateExpression: 'ADD #version :one',
        ...expected,
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':one': 1, ...ExpressionAttributeValues },
      },
    };
  }

  private auditItem(entry: AuditRecord): TransactItem {
    return {
      Put: {
        TableName: this.auditTable,
        Item: { ...entry, ...auditKeys(entry) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  private async page<T>(
    partition: string,
    skPrefix: string,
    page: PageRequest,
    extraKeys: string[] = [],
    filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
  ) {
    const out = await queryPage(
      this.client,
      {
        TableName: this.flagsTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names } : {}),
        ExpressionAttributeValues: { ':pk': partition, ':sk': skPrefix, ...filter?.values },
      },
      page,
      { pk: partition, sk: { prefix: skPrefix } },
    );
    return { items: out.items.map((i) => withoutKeys<T>(i, extraKeys)), cursor: out.cursor };
  }

  async listProjects(page: PageRequest, only?: readonly string[]): Promise<Page<Project>> {
    if (only === undefined) return this.page<Project>(PROJECTS_PK, 'PROJECT#', page);
    if (only.length === 0) return { items: [] };
    // Key attributes cannot be filtered on; the listing item's `key` attribute holds the same key.
    const values = Object.fromEntries(only.map((key, i) => [`:only${i}`, key]));
    return this.page<Project>(PROJECTS_PK, 'PROJECT#', page, [], {
      expression: `#key IN (${Object.keys(values).join(', ')})`,
      names: { '#key': 'key' },
      values,
    });
  }

  async listEnvironments(project: string): Promise<EnvironmentRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.flagsTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': projectPk(project), ':sk': ENV_SK },
      ConsistentRead: true,
    });
    return items.map((i) => withoutKeys<EnvironmentRecord>(i));
  }

  async listFlags(project: string, query: FlagListQuery): Promise<Page<FlagRecord>> {
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pk': projectPk(project), ':sk': FLAG_SK };
    const add = (expression: string, name: string, value: unknown) => {
      filters.push(expression);
      names[`#${name}`] = name;
      values[`:${name}`] = value;
    };
    if (query.tag !== undefined) add('contains(#tags, :tags)', 'tags', query.tag);
    if (query.kind !== undefined) add('#kind = :kind', 'kind', query.kind);
    if (query.archived !== undefined) add('#archived = :archived', 'archived', query.archived === 'true');
    if (query.q !== undefined)
      add(`contains(#${SEARCH_TEXT}, :${SEARCH_TEXT})`, SEARCH_TEXT, query.q.toLowerCase());
    const out = await queryPage(
      this.client,
      {
        TableName: this.flagsTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ...(filters.length > 0
          ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }
          : {}),
        ExpressionAttributeValues: values,
      },
      query,
      { pk: projectPk(project), sk: { prefix: FLAG_SK } },
    );
    return { items: out.items.map((i) => withoutKeys<FlagRecord>(i, [SEARCH_TEXT])), cursor: out.cursor };
  }

  async flagStates(
    project: string,
    envs: readonly string[],
    flags: readonly string[],
  ): Promise<Map<string, Record<string, FlagState>>> {
    const keys = envs.flatMap((env) =>
      flags.map((flag) => keyOf({ kind: 'flagConfig', project, env, flag })),
    );
    const items = await batchGetAll(this.client, this.flagsTable, keys, {
      expression: 'pk, sk, #on, #version',
      names: { '#on': 'on', '#version': 'version' },
    });
    const byPk = new Map(envs.map((env) => [envPk(project, env), env]));
    const out = new Map<string, Record<string, FlagState>>();
    for (const item of items) {
      const env = byPk.get(item.pk as string) as string;
      const flag = (item.sk as string).slice(FLAG_SK.length);
      const states = out.get(flag) ?? {};
      states[env] = { on: item.on === true, version: Number(item.version) };
      out.set(flag, states);
    }
    return out;
  }

  listSegments(locator: EnvironmentLocator, page: PageRequest): Promise<Page<StoredSegment>> {
    return this.page<StoredSegment>(envPk(locator.project, locator.env), SEGMENT_SK, page, [WRITTEN_AT]);
  }

  listTokens(page: PageRequest): Promise<Page<TokenListing>> {
    return this.page<TokenListing>(TOKENS_PK, 'TOKEN#', page);
  }

  private partition(pk: string, consistent: boolean): Promise<Item[]> {
    return queryAll(this.client, {
      TableName: this.flagsTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: consistent,
    });
  }

  async environmentContents(locator: EnvironmentLocator): Promise<EnvironmentContents> {
    const items = await this.partition(envPk(locator.project, locator.env), true);
    const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
    return {
      flags: of(FLAG_SK).map((i) => withoutKeys(i, [WRITTEN_AT])),
      segments: of(SEGMENT_SK).map((i) => withoutKeys(i, [WRITTEN_AT])),
    };
  }

  async deleteEnvironmentContents(locator: EnvironmentLocator): Promise<void> {
    await this.deleteKeys(await this.partition(envPk(locator.project, locator.env), false));
  }

  async dueKeyExpiries(now: string, limit = 100): Promise<KeyExpiry[]> {
    // Sort keys are `{expiresAt}#{hash}`: every one at or before `now` sorts below `{now}$`.
    const out = await queryPage(
      this.client,
      {
        TableName: this.flagsTable,
        KeyConditionExpression: 'pk = :pk AND sk < :until',
        ExpressionAttributeValues: { ':pk': KEY_EXPIRY_PK, ':until': `${now}$` },
        ConsistentRead: true,
      },
      { limit },
      { pk: KEY_EXPIRY_PK, sk: { prefix: '' } },
    );
    return out.items.map((i) => withoutKeys<KeyExpiry>(i));
  }

  async deleteProjectContents(project: string): Promise<void> {
    const items = await this.partition(projectPk(project), false);
    await this.deleteKeys(items.filter((i) => i.sk !== 'PROJECT'));
  }

  private async deleteKeys(items: readonly Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let requests: Record<string, unknown>[] = items
        .slice(i, i + 25)
        .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
      const deleted = await retry(BATCH_DELETE_RETRIES, async () => {
        const out = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.flagsTable]: requests } }),
        );
        requests = (out.UnprocessedItems?.[this.flagsTable] ?? []) as Record<string, unknown>[];
        return requests.length > 0 ? AGAIN : true;
      });
      // Give up with an error rather than spin; the deletion is repeatable from where it stopped.
      if (deleted === AGAIN)
        throw new ServiceUnavailableError('DynamoDB kept throttling a batch delete; retry later');
    }
  }
}
