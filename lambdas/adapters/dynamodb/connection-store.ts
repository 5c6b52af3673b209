import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ConnectionCredential } from '../../domain/connection-access.js';
import { connectionExpiry, sliceOf } from '../../domain/connection-slices.js';
import type {
  ConnectionIdentity,
  ConnectionRecord,
  ConnectionRegistration,
  ConnectionStore,
  IdentifyOutcome,
  SdkKind,
  SliceConnection,
  SlicePage,
} from '../../services/delivery-ports.js';
import type { EnvironmentLocator } from '../../services/ports.js';
import { tableName } from '../config.js';
import { backPointerKey, slicePk } from './connection-keys.js';
import { isConditionFailure } from './failures.js';
import { batchGetAll } from './query.js';

const cancelledByCondition = (error: unknown): boolean =>
  (error as { name?: string }).name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (reason) => reason.Code === 'ConditionalCheckFailed',
  );

const SLICE_OF_PK = /#SLICE#(\d+)$/;
const sdkOf = (value: unknown): SdkKind => (value === 'client' ? 'client' : 'server');

/** The credential facts of a stored item; absent on items written before they were recorded. */
function credentialOf(item: Record<string, unknown>): ConnectionCredential {
  return {
    ...(typeof item.credential === 'string' ? { credential: item.credential } : {}),
    ...(typeof item.generation === 'string' ? { generation: item.generation } : {}),
  };
}

function answerOf(stored: unknown): { answer?: Record<string, string> } {
  if (typeof stored !== 'string') return {};
  try {
    return { answer: JSON.parse(stored) as Record<string, string> };
  } catch {
    return {};
  }
}

/** What fan-out reads of a slice item. */
const SLICE_PROJECTION = {
  expression: 'sk, connectedAt, sdk, context, identifyId, identifiedAt, answer, #credential, #generation',
  names: { '#credential': 'credential', '#generation': 'generation' },
} as const;

function sliceConnectionOf(item: Record<string, unknown>): SliceConnection {
  return {
    connectionId: String(item.sk),
    connectedAt: Number(item.connectedAt ?? 0),
    sdk: sdkOf(item.sdk),
    ...credentialOf(item),
    ...(typeof item.context === 'string' && typeof item.identifyId === 'number'
      ? {
          identity: {
            context: item.context,
            id: item.identifyId,
            at: Number(item.identifiedAt ?? 0),
            ...answerOf(item.answer),
          },
        }
      : {}),
  };
}

/**
 * Connections in DynamoDB: `ENV#{p}#{e}#SLICE#{n}` / `{connectionId}` (n = hash(id) mod slices) and
 * the back-pointer `CONN#{id}` / `CONN`, written and deleted together; both expire just past API
 * Gateway's 2-hour limit, so a connection whose `$disconnect` never ran cannot linger. A browser's
 * identify adds `context` (JSON text), `identifyId`, `identifiedAt` and, once answered, the answer's
 * digest (`answer`) to its slice item. Both items carry the `credential` the connection was opened
 * with and its environment's `generation` (`domain/connection-access.ts`).
 */
export class DynamoConnectionStore implements ConnectionStore {
  private readonly table = tableName('connections');

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly slices: number,
  ) {}

  async register(connection: ConnectionRegistration): Promise<void> {
    const pk = slicePk(connection, sliceOf(connection.connectionId, this.slices));
    const ttl = connectionExpiry(connection.connectedAt);
    const credential = credentialOf({ ...connection });
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: {
                pk,
                sk: connection.connectionId,
                project: connection.project,
                env: connection.env,
                sdk: connection.sdk,
                connectedAt: connection.connectedAt,
                ...credential,
                ttl,
              },
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: {
                ...backPointerKey(connection.connectionId),
                slicePk: pk,
                project: connection.project,
                env: connection.env,
                sdk: connection.sdk,
                ...credential,
                ttl,
              },
            },
          },
        ],
      }),
    );
  }

  async unregister(connectionId: string): Promise<void> {
    const pointer = await this.client.send(
      new GetCommand({ TableName: this.table, Key: backPointerKey(connectionId), ConsistentRead: true }),
    );
    const pk = pointer.Item?.slicePk;
    if (typeof pk !== 'string') return;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table, Key: { pk, sk: connectionId } } },
          { Delete: { TableName: this.table, Key: backPointerKey(connectionId) } },
        ],
      }),
    );
  }

  async find(connectionId: string): Promise<ConnectionRecord | undefined> {
    const pointer = await this.client.send(
      new GetCommand({ TableName: this.table, Key: backPointerKey(connectionId), ConsistentRead: true }),
    );
    const pk = pointer.Item?.slicePk;
    const slice = typeof pk === 'string' ? SLICE_OF_PK.exec(pk)?.[1] : undefined;
    if (typeof pk !== 'string' || slice === undefined) return undefined;
    // Pointers written before they carried the connection's facts: read them from the slice item.
    const facts =
      typeof pointer.Item?.sdk === 'string'
        ? pointer.Item
        : (
            await this.client.send(
              new GetCommand({ TableName: this.table, Key: { pk, sk: connectionId }, ConsistentRead: true }),
            )
          ).Item;
    if (typeof facts?.project !== 'string' || typeof facts.env !== 'string') return undefined;
    return {
      project: facts.project,
      env: facts.env,
      slice: Number(slice),
      sdk: sdkOf(facts.sdk),
      ...credentialOf(facts),
    };
  }

  async identify(
    connection: ConnectionRecord & { readonly connectionId: string },
    identity: ConnectionIdentity,
  ): Promise<IdentifyOutcome> {
    const key = { pk: slicePk(connection, connection.slice), sk: connection.connectionId };
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET context = :context, identifyId = :id, identifiedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(identifyId) OR identifyId < :id)',
          ExpressionAttributeValues: { ':context': identity.context, ':id': identity.id, ':at': identity.at },
        }),
      );
      return 'stored';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const held = await this.client.send(
        new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }),
      );
      return held.Item ? 'superseded' : 'gone';
    }
  }

  async answered(
    connection: ConnectionRecord & { readonly connectionId: string },
    id: number,
    answer: Readonly<Record<string, string>>,
  ): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: slicePk(connection, connection.slice), sk: connection.connectionId },
          UpdateExpression: 'SET answer = :answer',
          ConditionExpression: 'identifyId = :id',
          ExpressionAttributeValues: { ':answer': JSON.stringify(answer), ':id': id },
        }),
      );
    } catch (error) {
      // A newer identify (or the disconnect) got there first: this answer no longer matters.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async listConnections(
    locator: EnvironmentLocator,
    slice: number,
    connectionIds: readonly string[],
  ): Promise<SliceConnection[]> {
    const pk = slicePk(locator, slice);
    const items = await batchGetAll(
      this.client,
      this.table,
      connectionIds.map((sk) => ({ pk, sk })),
      SLICE_PROJECTION,
    );
    return items.map(sliceConnectionOf);
  }

  async listSlice(
    locator: EnvironmentLocator,
    slice: number,
    page: { readonly limit?: number | undefined; readonly startAfter?: string | undefined },
  ): Promise<SlicePage> {
    const pk = slicePk(locator, slice);
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: SLICE_PROJECTION.expression,
        ExpressionAttributeNames: SLICE_PROJECTION.names,
        ...(page.limit === undefined ? {} : { Limit: page.limit }),
        ...(page.startAfter === undefined ? {} : { ExclusiveStartKey: { pk, sk: page.startAfter } }),
      }),
    );
    const next = out.LastEvaluatedKey?.sk;
    return {
      connections: (out.Items ?? []).map(sliceConnectionOf),
      ...(typeof next === 'string' ? { next } : {}),
    };
  }

  async removeGone(
    locator: EnvironmentLocator,
    slice: number,
    connectionId: string,
    registeredBefore: number,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.table,
                Key: { pk: slicePk(locator, slice), sk: connectionId },
                ConditionExpression: 'connectedAt < :before',
                ExpressionAttributeValues: { ':before': registeredBefore },
              },
            },
            { Delete: { TableName: this.table, Key: backPointerKey(connectionId) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error)) return false;
      throw error;
    }
  }
}
