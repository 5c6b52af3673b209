import { type DynamoDBDocumentClient, NumberValue, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AggregatedCount, CustomCount, LastEvaluated } from '../../domain/aggregate.js';
import { decodeCursor } from '../../domain/cursor.js';
import { remainderAfter } from '../../domain/watermark.js';
import { UnwritableError, ValidationError } from '../../errors.js';
import type {
  AnalyticsReader,
  AnalyticsWriter,
  CountQuery,
  EventCountQuery,
  EventCountReader,
  PartClaim,
  StoredCount,
  StoredEventCount,
  StreamPosition,
} from '../../services/analytics-ports.js';
import type { Page, PageRequest } from '../../services/ports.js';
import { tableName } from '../config.js';
import {
  bucketSk,
  counterKey,
  EVENTS_BY_ENV_INDEX,
  eventCounterPk,
  eventIndexKey,
  eventsByEnvPk,
  flagCounterPk,
  LAST_EVALUATED_PREFIX,
  lastEvaluatedKey,
  PAYLOAD_CLAIM_MS,
  parseBucketSk,
  parseCounterSk,
  parseEventIndexSk,
  payloadPartKey,
  RETENTION_MS,
} from './analytics-keys.js';
import { isConditionFailure, isRefused } from './failures.js';
import { DynamoLastEvaluatedReader } from './last-evaluated-reader.js';
import { queryAll, queryPage } from './query.js';
import { watermarkedUpdate } from './watermarked-update.js';

/**
 * Decimal places a batch's metric sum keeps. DynamoDB adds exactly, to 38 significant digits, and
 * refuses an `ADD` whose result needs more, and with it the counter's whole batch: a stored 1e15
 * plus 1.234567890123456e-15 would be 46 digits. Rounded to 15 places, a stored sum needs more
 * only past 1e23.
 */
const METRIC_SUM_DECIMALS = 15;

/**
 * A metric sum as DynamoDB takes it: rounded to {@link METRIC_SUM_DECIMALS} places, and past 2^53
 * as a decimal string (the document client refuses such JavaScript numbers, which sums of
 * legitimate metric values can pass; DynamoDB itself stores up to 1e125).
 */
const storedNumber = (value: number): number | NumberValue => {
  const rounded = Number(value.toFixed(METRIC_SUM_DECIMALS));
  return Number.isSafeInteger(rounded) ? rounded : NumberValue.from(String(rounded));
};

/** A counter's stored totals; a metric sum past 2^53 reads back as the nearest double. */
const storedTotals = (item: Record<string, unknown>) => ({
  count: Number(item.count ?? 0),
  metricSum: Number(item.metricSum ?? 0),
});

/** A custom-event counter's `eventsByEnv` keys, as update values. */
function indexValues(count: CustomCount): Record<string, string> {
  const { envPk, envSk } = eventIndexKey(count);
  return { ':envPk': envPk, ':envSk': envSk };
}

/**
 * Analytics counters in DynamoDB. Each counter update is a single `UpdateItem` that ADDs the
 * batch's contribution and moves the counter's per-shard watermark to the batch's last contributing
 * record, on condition that the watermark is below the first one. A redelivered batch fails that
 * condition; the store then reads the watermark and adds only what the records after it contributed.
 */
export class DynamoAnalyticsStore implements AnalyticsWriter, AnalyticsReader, EventCountReader {
  private readonly lastEvaluatedTimes: DynamoLastEvaluatedReader;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly now: () => number = Date.now,
  ) {
    this.lastEvaluatedTimes = new DynamoLastEvaluatedReader(client);
  }

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
        set: `#ttl = if_not_exists(#ttl, :ttl)${custom ? ', envPk = :envPk, envSk = :envSk' : ''}`,
        names: { '#count': 'count', '#ttl': 'ttl', ...(custom ? { '#metric': 'metricSum' } : {}) },
        values: {
          ':count': remainder.count,
          ':ttl': Math.floor((count.bucket + RETENTION_MS[count.granularity]) / 1000),
          ...(custom ? { ':metric': storedNumber(remainder.metricSum), ...indexValues(count) } : {}),
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
          // Kept as long as hour counters: a flag key that no SDK evaluates any more (or never
          // existed: any client-side id can name one) does not keep an item for ever.
          UpdateExpression: 'SET #at = :at, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#at) OR #at < :at',
          ExpressionAttributeNames: { '#at': `${LAST_EVALUATED_PREFIX}${last.env}`, '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':at': last.at,
            ':ttl': Math.floor((last.at + RETENTION_MS.hour) / 1000),
          },
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

  lastEvaluated(project: string, flags: readonly string[]): Promise<Map<string, Record<string, number>>> {
    return this.lastEvaluatedTimes.lastEvaluated(project, flags);
  }

  async eventCounts(query: EventCountQuery, page: PageRequest): Promise<Page<StoredEventCount>> {
    const envPk = eventsByEnvPk(query.project, query.env);
    const from = bucketSk(query.granularity, query.from);
    // Every envSk of a bucket starting at `to` extends this string, so sorts after it: excluded.
    const to = bucketSk(query.granularity, query.to);
    const rules = {
      pk: { prefix: `ENV#${query.project}#${query.env}#EVENT#` },
      sk: { prefix: `${query.granularity}#` },
      envPk,
      envSk: { prefix: `${query.granularity}#` },
    };
    if (page.cursor !== undefined) {
      // DynamoDB refuses a start key outside the key condition; a cursor of another range is the caller's.
      const { envSk } = decodeCursor(page.cursor, rules);
      if ((envSk as string) < from || (envSk as string) > to) {
        throw new ValidationError('cursor is not one this list returned', 'cursor');
      }
    }
    const result = await queryPage(
      this.client,
      {
        TableName: this.table,
        IndexName: EVENTS_BY_ENV_INDEX,
        KeyConditionExpression: 'envPk = :pk AND envSk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': envPk, ':from': from, ':to': to },
        ProjectionExpression: 'pk, sk, envPk, envSk, #count, metricSum',
        ExpressionAttributeNames: { '#count': 'count' },
      },
      page,
      rules,
    );
    const items: StoredEventCount[] = [];
    for (const item of result.items) {
      const parsed = parseEventIndexSk(item.envSk as string);
      if (parsed) items.push({ ...parsed, ...storedTotals(item) });
    }
    return result.cursor === undefined ? { items } : { items, cursor: result.cursor };
  }

  async eventSeries(query: EventCountQuery & { readonly key: string }): Promise<StoredEventCount[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': eventCounterPk(query.project, query.env, query.key),
        ':from': bucketSk(query.granularity, query.from),
        ':to': bucketSk(query.granularity, query.to),
      },
      ProjectionExpression: 'sk, #count, metricSum',
      ExpressionAttributeNames: { '#count': 'count' },
    });
    const out: StoredEventCount[] = [];
    for (const item of items) {
      const bucket = parseBucketSk(item.sk as string);
      // The upper bound admits the bucket starting at `to` itself (an exact match): not in the range.
      if (bucket !== undefined && bucket < query.to)
        out.push({ key: query.key, bucket, ...storedTotals(item) });
    }
    return out;
  }
}
