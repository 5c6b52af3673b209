import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { localRegion } from '../engines/dynamodb.js';
import { buildDynamoDbEventRecord } from './dynamodb-event.js';
import { type StreamSource, toShardInfo } from './stream-source.js';

/** DynamoDB Streams of one table, read from DynamoDB Local's streams endpoint. */
export async function dynamoDbStreamSource(
  dynamodb: DynamoDBClient,
  streams: DynamoDBStreamsClient,
  tableName: string,
): Promise<StreamSource<DynamoDBRecord>> {
  const table = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  const arn = table.Table?.LatestStreamArn;
  if (!arn) throw new Error(`Table ${tableName} has no stream; declare one in the topology`);
  return {
    label: 'aws:dynamodb',
    arn,
    async listShards() {
      const shards: Shard[] = [];
      let start: string | undefined;
      do {
        const page = await streams.send(
          new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }),
        );
        shards.push(...(page.StreamDescription?.Shards ?? []));
        start = page.StreamDescription?.LastEvaluatedShardId;
      } while (start);
      return shards.map(toShardInfo);
    },
    async iterator(shardId, position) {
      const out = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shardId,
          ShardIteratorType: position.type,
          ...(position.type === 'AFTER_SEQUENCE_NUMBER' ? { SequenceNumber: position.sequenceNumber } : {}),
        }),
      );
      return out.ShardIterator;
    },
    async read(_shardId, iterator, limit) {
      const out = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(limit, 1000) }),
      );
      return {
        records: (out.Records ?? []).map((record) => {
          const eventRecord = buildDynamoDbEventRecord(record, arn, localRegion);
          return {
            sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
            eventRecord,
            filterView: eventRecord,
          };
        }),
        next: out.NextShardIterator,
      };
    },
  };
}
