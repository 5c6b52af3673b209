import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { acksAfter, type ChangeAcks } from '../../domain/receipt-fold.js';
import { type DeliveredChange, HISTOGRAM_BUCKETS } from '../../domain/receipts.js';
import type { StreamPosition } from '../../services/analytics-ports.js';
import type { EnvironmentLocator } from '../../services/ports.js';
import type {
  ReceiptReader,
  ReceiptRecorder,
  ReceiptWriter,
  StoredReceipt,
} from '../../services/receipt-ports.js';
import { tableName } from '../config.js';
import { batchGetAll } from './query.js';
import { watermarkedUpdate } from './watermarked-update.js';

/**
 * Delivery receipts in the analytics table, one item per flag change:
 *   RECEIPT#{p}#{e}#{flag} / V#{version, 12 digits}
 * `acks`, `h{i}` (acks per latency bucket), `c#{part}` (connections each delivery part posted the
 * change to), `rate`, `at` (commit time), `w#{shard}` watermarks, `ttl`.
 */
export const receiptKey = (locator: EnvironmentLocator, flag: string, version: number) => ({
  pk: `RECEIPT#${locator.project}#${locator.env}#${flag}`,
  sk: `V#${String(version).padStart(12, '0')}`,
});

/** Receipts are kept 30 days after their change. */
export const RECEIPT_RETENTION_MS = 30 * 24 * 3_600_000;
const CONNECTED_PREFIX = 'c#';

/**
 * Receipts on DynamoDB: the aggregator's ack writes are conditional on the receipt's watermark for
 * the shard, like evaluation counters (docs/analytics.md), so a redelivered batch adds nothing
 * twice; fan-out's connection counts are SET per delivery part, so a retried part overwrites itself.
 */
export class DynamoReceiptStore implements ReceiptWriter, ReceiptRecorder, ReceiptReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly now: () => number = Date.now,
  ) {}

  private get table(): string {
    return tableName('analytics');
  }

  private ttl(): number {
    return Math.floor((this.now() + RECEIPT_RETENTION_MS) / 1000);
  }

  addAcks(change: ChangeAcks, position: StreamPosition): Promise<boolean> {
    return watermarkedUpdate(
      this.client,
      this.table,
      receiptKey(change, change.flag, change.version),
      position.shard,
      (watermark) => acksAfter(change, position.sequenceKeys, watermark),
      (remainder) => {
        const buckets = remainder.histogram.flatMap((n, i) => (n > 0 ? [i] : []));
        return {
          add: `ADD acks :acks${buckets.map((i) => `, h${i} :h${i}`).join('')}`,
          set: '#ttl = if_not_exists(#ttl, :ttl)',
          names: { '#ttl': 'ttl' },
          values: {
            ':acks': remainder.acks,
            ...Object.fromEntries(buckets.map((i) => [`:h${i}`, remainder.histogram[i]])),
            ':ttl': this.ttl(),
          },
        };
      },
    );
  }

  async recordCommitted(locator: EnvironmentLocator, changes: readonly DeliveredChange[]): Promise<void> {
    await Promise.all(
      changes.flatMap(({ key, version, committedAt }) =>
        committedAt === undefined
          ? []
          : [
              this.client.send(
                new UpdateCommand({
                  TableName: this.table,
                  Key: receiptKey(locator, key, version),
                  UpdateExpression: 'SET #at = :at, #ttl = if_not_exists(#ttl, :ttl)',
                  ExpressionAttributeNames: { '#at': 'at', '#ttl': 'ttl' },
                  ExpressionAttributeValues: { ':at': committedAt, ':ttl': this.ttl() },
                }),
              ),
            ],
      ),
    );
  }

  async committedTimes(
    locator: EnvironmentLocator,
    changes: readonly { readonly key: string; readonly version: number }[],
  ): Promise<Map<string, number>> {
    const keys = changes.map(({ key, version }) => receiptKey(locator, key, version));
    const items = await batchGetAll(this.client, this.table, keys, {
      expression: 'pk, sk, #at',
      names: { '#at': 'at' },
    });
    const prefix = receiptKey(locator, '', 0).pk;
    const out = new Map<string, number>();
    for (const item of items) {
      if (typeof item.at !== 'number') continue;
      const flag = (item.pk as string).slice(prefix.length);
      out.set(`${flag}#${Number((item.sk as string).slice(2))}`, item.at);
    }
    return out;
  }

  async recordConnected(
    locator: EnvironmentLocator,
    part: string,
    delivered: readonly { readonly change: DeliveredChange; readonly connected: number }[],
  ): Promise<void> {
    await Promise.all(
      delivered.map(({ change, connected }) =>
        this.client.send(
          new UpdateCommand({
            TableName: this.table,
            Key: receiptKey(locator, change.key, change.version),
            UpdateExpression: `SET #c = :connected, #rate = :rate, #ttl = if_not_exists(#ttl, :ttl)${change.committedAt === undefined ? '' : ', #at = if_not_exists(#at, :at)'}`,
            ExpressionAttributeNames: {
              '#c': `${CONNECTED_PREFIX}${part}`,
              '#rate': 'rate',
              '#ttl': 'ttl',
              ...(change.committedAt === undefined ? {} : { '#at': 'at' }),
            },
            ExpressionAttributeValues: {
              ':connected': connected,
              ':rate': change.sampleRate,
              ':ttl': this.ttl(),
              ...(change.committedAt === undefined ? {} : { ':at': change.committedAt }),
            },
          }),
        ),
      ),
    );
  }

  async latest(
    locator: EnvironmentLocator,
    flag: string,
    upTo: number,
    limit: number,
  ): Promise<StoredReceipt[]> {
    const { pk, sk } = receiptKey(locator, flag, upTo);
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
        ExpressionAttributeValues: { ':pk': pk, ':upTo': sk },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => {
      let connected = 0;
      for (const [name, value] of Object.entries(item)) {
        if (name.startsWith(CONNECTED_PREFIX)) connected += Number(value);
      }
      return {
        version: Number((item.sk as string).slice(2)),
        connected,
        acks: Number(item.acks ?? 0),
        histogram: Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => Number(item[`h${i}`] ?? 0)),
        ...(typeof item.rate === 'number' ? { sampleRate: item.rate } : {}),
        ...(typeof item.at === 'number' ? { committedAt: item.at } : {}),
      };
    });
  }
}
