import type { EventEnvelope } from '@switchboard/core/events';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/** A Kinesis sequence number as the service makes them: 56 digits, growing within a shard. */
export const sequenceNumber = (n: number): string => `49659${String(n).padStart(51, '0')}`;

/** One record of a Lambda event from Kinesis holding `envelope` as its data. */
export function kinesisRecord(
  envelope: EventEnvelope | string,
  n: number,
  shard = 'shardId-000000000000',
): KinesisStreamRecord {
  const data = typeof envelope === 'string' ? envelope : JSON.stringify(envelope);
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: `pk-${n}`,
      sequenceNumber: sequenceNumber(n),
      data: Buffer.from(data).toString('base64'),
      approximateArrivalTimestamp: 1_700_000_000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shard}:${sequenceNumber(n)}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/aggregator',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/events',
  };
}

export const kinesisEvent = (records: readonly KinesisStreamRecord[]): KinesisStreamEvent => ({
  Records: [...records],
});
