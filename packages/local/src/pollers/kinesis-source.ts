import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  type Shard,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import { localRegion } from '../engines/dynamodb.js';
import { buildKinesisEventRecord, kinesisFilterView } from './kinesis-event.js';
import { type StreamSource, toShardInfo } from './stream-source.js';

/** One Kinesis data stream, read for the function `functionName`. */
export async function kinesisStreamSource(
  client: KinesisClient,
  streamName: string,
  functionName: string,
): Promise<StreamSource<KinesisStreamRecord>> {
  const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  const arn = summary.StreamDescriptionSummary?.StreamARN as string;
  return {
    label: 'aws:kinesis',
    arn,
    async listShards() {
      const shards: Shard[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListShardsCommand(token ? { NextToken: token } : { StreamName: streamName }),
        );
        shards.push(...(page.Shards ?? []));
        token = page.NextToken;
      } while (token);
      return shards.map(toShardInfo);
    },
    async iterator(shardId, position) {
      const out = await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: position.type,
          ...(position.type === 'AFTER_SEQUENCE_NUMBER'
            ? { StartingSequenceNumber: position.sequenceNumber }
            : {}),
        }),
      );
      return out.ShardIterator;
    },
    async read(shardId, iterator, limit) {
      const out = await client.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(limit, 10_000) }),
      );
      return {
        records: (out.Records ?? []).map((record) => {
          const eventRecord = buildKinesisEventRecord(record, shardId, arn, localRegion, functionName);
          return {
            sequenceNumber: record.SequenceNumber ?? '',
            eventRecord,
            filterView: kinesisFilterView(eventRecord),
          };
        }),
        next: out.NextShardIterator,
      };
    },
  };
}
