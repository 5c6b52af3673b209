import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, NumberValue, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AggregatedCount, LastEvaluated } from '@switchboard/core/events';
import { remainderAfter } from '../../domain/watermark.js';
import { UnwritableError } from '../../errors.js';
import type {
  AnalyticsReader,
  AnalyticsWriter,
  CountQuery,
  PartClaim,
  StoredCount,
  StreamPosition,
} from '../../services/analytics-ports.js';
import { tableName } from '../config.js';
import {
  bucketSk,
  counterKey,
  flagCounterPk,
  LAST_EVALUATED_PREFIX,
  lastEvaluatedKey,
  PAYLOAD_CLAIM_MS,
  parseCounterSk,
  payloadPartKey,
  RETENTION_MS,
} from './analytics-keys.js';
import { batchGetAll, queryAll } from './query.js';
import { watermarkedUpdate } from './watermarked-update.js';

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/**
 * A metric sum as DynamoDB takes it: the document client refuses JavaScript numbers past 2^53,
 * which sums of legitimate metric values can pass; DynamoDB itself stores up to 1e125.
 */
const storedNumber = (value: number): number | NumberValue =>
  Number.isSafeInteger(value) ? value : NumberValue.from(String(value));

/** DynamoDB refuses the request itself (a number out of range, an oversized item): final. */
const isRefused = (error: unknown): boolean =>
  (error as { name?: string } | null)?.name === 'ValidationException';

/**
 * Analytics counters in DynamoDB. Each counter update is a single `UpdateItem` that ADDs the
 * batch's contribution and moves the counter's per-shard watermark to the batch's last contributing
 * record, on condition that the watermark is below the first one. A redelivered batch fails that
 * condition; the store then reads the watermark and adds only what the records after it contributed.
 */
export class DynamoAnalyticsStore implements AnalyticsWriter, AnalyticsReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly now: () => number = Date.now,
  ) {}

  private get table(): string {
    return tableName('analytics');
  }

  async addCount(count: AggregatedCount, position: StreamPosition): Promise<boolean> {
    const custom = count.kind === 'custom';
    return watermarkedUpdate(
      this.client,
      this.table,
      counterKey(count),
      position.shard,
      (watermark) => remainderAfter(count, position.sequenceKeys, watermark),
      (remainder) => ({
        add: `ADD #count :count${custom ? ', #metric :metric' : ''}`,
        set: '#ttl = if_not_exists(#ttl, :ttl)',
        names: { '#count': 'count', '#ttl': 'ttl', ...(custom ? { '#metric': 'metricSum' } : {}) },
        values: {
          ':count': remainder.count,
          ':ttl': Math.floor((count.bucket + RETENTION_MS[count.granularity]) / 1000),
          ...(custom ? { ':metric': storedNumber(remainder.metricSum) } : {}),
        },
      }),
    );
  }

  async claimPart(claim: PartClaim, holder: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...payloadPartKey(claim),
            holder,
            ttl: Math.floor((this.now() + PAYLOAD_CLAIM_MS) / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR holder = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      if (isRefused(error)) {
        throw new UnwritableError(`DynamoDB refused the claim of part ${claim.part}`, { cause: error });
      }
      throw error;
    }
  }

  async touchLastEvaluated(last: LastEvaluated): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: lastEvaluatedKey(last.project, last.flag),
          UpdateExpression: 'SET #at = :at',
          ConditionExpression: 'attribute_not_exists(#at) OR #at < :at',
          ExpressionAttributeNames: { '#at': `${LAST_EVALUATED_PREFIX}${last.env}` },
          ExpressionAttributeValues: { ':at': last.at },
        }),
      );
    } catch (error) {
      if (isRefused(error)) {
        throw new UnwritableError(`DynamoDB refused the last-evaluated time of ${last.flag}`, {
          cause: error,
        });
      }
      // A later time is already stored: nothing to do.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async counts(query: CountQuery): Promise<StoredCount[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': flagCounterPk(query.project, query.env, query.flag),
        ':from': bucketSk(query.granularity, query.from),
        // Every sk of a bucket starting at `to` extends this string, so sorts after it: excluded.
        ':to': bucketSk(query.granularity, query.to),
      },
      ProjectionExpression: 'sk, #count',
      ExpressionAttributeNames: { '#count': 'count' },
    });
    const out: StoredCount[] = [];
    for (const item of items) {
      const parsed = parseCounterSk(item.sk as string);
      if (parsed) out.push({ ...parsed, count: Number(item.count ?? 0) });
    }
    return out;
  }

  async lastEvaluated(
    project: string,
    flags: readonly string[],
  ): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    const keys = [...new Set(flags)].map((flag) => lastEvaluatedKey(project, flag));
    for (const item of await batchGetAll(this.client, this.table, keys)) {
      const times: Record<string, number> = {};
      for (const [name, value] of Object.entries(item)) {
        if (name.startsWith(LAST_EVALUATED_PREFIX))
          times[name.slice(LAST_EVALUATED_PREFIX.length)] = Number(value);
      }
      out.set((item.sk as string).slice('FLAG#'.length), times);
    }
    return out;
  }
}
