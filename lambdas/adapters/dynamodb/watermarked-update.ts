import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UnwritableError } from '../../errors.js';
import { retry } from '../../services/retry.js';
import { watermarkAttribute } from './analytics-keys.js';
import { isConditionFailure, isRefused } from './failures.js';

/** A watermark moved between our read and our write only if a zombie invocation raced us. */
const MAX_ATTEMPTS = 5;

/** What a batch still adds to an item: its sequence keys' range, and the update that adds it. */
export interface WatermarkedRemainder {
  readonly first: string;
  readonly last: string;
}

/** The additions of an update; `#w`, `:first`, `:last` and `:seen` are the helper's. */
export interface Additions {
  /** e.g. `ADD #count :count`; the watermark's `SET` is appended. */
  readonly add: string;
  /** e.g. `#ttl = if_not_exists(#ttl, :ttl)`, set beside the watermark. */
  readonly set?: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Adds a batch's contribution to an item and moves the item's watermark for the shard, in one
 * conditional `UpdateItem`: on condition that the watermark is below the batch's first record. A
 * redelivered batch fails that condition; the item's watermark is then read and only what the
 * records after it contributed is added (`remainder(watermark)`). Returns whether anything was
 * added. A request DynamoDB refuses (an oversized key, a number out of range) throws
 * {@link UnwritableError}: no retry can write it.
 *
 * @example
 * await watermarkedUpdate(client, table, key, shard, (w) => remainderAfter(count, keys, w), (r) => ({
 *   add: 'ADD #count :count', names: { '#count': 'count' }, values: { ':count': r.count },
 * }));
 */
export async function watermarkedUpdate<R extends WatermarkedRemainder>(
  client: DynamoDBDocumentClient,
  table: string,
  key: { readonly pk: string; readonly sk: string },
  shard: string,
  remainder: (watermark: string | undefined) => R | undefined,
  additions: (remainder: R) => Additions,
): Promise<boolean> {
  const w = watermarkAttribute(shard);
  let watermark: string | undefined;
  return retry({ attempts: MAX_ATTEMPTS, retryOn: isConditionFailure }, async (attempt) => {
    // A retry follows a failed condition: part of this batch reached the item before (a
    // redelivery), so see how far and add the rest.
    if (attempt > 1) watermark = await readWatermark(client, table, key, w);
    const rest = remainder(watermark);
    if (!rest) return false;
    const { add, set, names, values } = additions(rest);
    try {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression: `${add} SET #w = :last${set ? `, ${set}` : ''}`,
          ConditionExpression:
            watermark === undefined ? 'attribute_not_exists(#w) OR #w < :first' : '#w = :seen',
          ExpressionAttributeNames: { ...names, '#w': w },
          ExpressionAttributeValues: {
            ...values,
            ':last': rest.last,
            ...(watermark === undefined ? { ':first': rest.first } : { ':seen': watermark }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isRefused(error))
        throw new UnwritableError(`DynamoDB refused ${key.pk} ${key.sk}`, { cause: error });
      throw error;
    }
  });
}

async function readWatermark(
  client: DynamoDBDocumentClient,
  table: string,
  key: { readonly pk: string; readonly sk: string },
  w: string,
): Promise<string | undefined> {
  const current = await client.send(
    new GetCommand({
      TableName: table,
      Key: key,
      ConsistentRead: true,
      ProjectionExpression: '#w',
      ExpressionAttributeNames: { '#w': w },
    }),
  );
  return current.Item?.[w] as string | undefined;
}
