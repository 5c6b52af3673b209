import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { connectionExpiry, sliceOf } from '../../domain/connection-slices.js';
import type { ConnectionRegistration, ConnectionStore, SlicePage } from '../../services/delivery-ports.js';
import type { EnvironmentLocator } from '../../services/ports.js';
import { tableName } from '../config.js';
import { backPointerKey, slicePk } from './connection-keys.js';

const cancelledByCondition = (error: unknown): boolean =>
  (error as { name?: string }).name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (reason) => reason.Code === 'ConditionalCheckFailed',
  );

/**
 * Connections in DynamoDB: `ENV#{p}#{e}#SLICE#{n}` / `{connectionId}` (n = hash(id) mod slices) and
 * the back-pointer `CONN#{id}` / `CONN`, written and deleted together; both expire just past API
 * Gateway's 2-hour limit, so a connection whose `$disconnect` never ran cannot linger.
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
                ttl,
              },
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: { ...backPointerKey(connection.connectionId), slicePk: pk, ttl },
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
        ProjectionExpression: 'sk, connectedAt, sdk',
        ...(page.limit === undefined ? {} : { Limit: page.limit }),
        ...(page.startAfter === undefined ? {} : { ExclusiveStartKey: { pk, sk: page.startAfter } }),
      }),
    );
    const next = out.LastEvaluatedKey?.sk;
    return {
      connections: (out.Items ?? []).map((item) => ({
        connectionId: String(item.sk),
        connectedAt: Number(item.connectedAt ?? 0),
        sdk: item.sdk === 'client' ? ('client' as const) : ('server' as const),
      })),
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
