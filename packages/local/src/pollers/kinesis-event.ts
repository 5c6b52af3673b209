import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';

/** Builds one record of a Lambda event from Kinesis (`eventSource: 'aws:kinesis'`). */
export function buildKinesisEventRecord(
  record: KinesisRecord,
  shardId: string,
  eventSourceARN: string,
  awsRegion: string,
  functionName: string,
): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.PartitionKey ?? '',
      sequenceNumber: record.SequenceNumber ?? '',
      data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
      approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? Date.now()) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${record.SequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: `arn:aws:iam::000000000000:role/${functionName}-role`,
    awsRegion,
    eventSourceARN,
  };
}

/**
 * What Lambda matches filter patterns against for Kinesis: the record with `data` decoded when it
 * is JSON (patterns then address its fields), else left as base64 (only metadata can match).
 */
export function kinesisFilterView(record: KinesisStreamRecord): unknown {
  const text = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
  try {
    return { ...record.kinesis, data: JSON.parse(text) as unknown };
  } catch {
    return record.kinesis;
  }
}
