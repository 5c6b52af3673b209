import { describe, expect, it } from 'vitest';
import { buildDynamoDbEventRecord } from './dynamodb-event.js';
import { buildKinesisEventRecord, kinesisFilterView } from './kinesis-event.js';

const arn = 'arn:aws:dynamodb:ddblocal:000000000000:table/flags/stream/2026-01-01T00:00:00.000';

describe('buildDynamoDbEventRecord', () => {
  it('builds the Lambda record, with epoch seconds and binary as base64', () => {
    const record = buildDynamoDbEventRecord(
      {
        eventID: 'e-1',
        eventName: 'MODIFY',
        dynamodb: {
          ApproximateCreationDateTime: new Date(1_700_000_000_500),
          Keys: { pk: { S: 'ENV#p#e' }, sk: { S: 'FLAG#f' } },
          NewImage: { pk: { S: 'ENV#p#e' }, blob: { B: new Uint8Array([1, 2]) }, n: { N: '2' } },
          OldImage: { pk: { S: 'ENV#p#e' }, n: { N: '1' } },
          SequenceNumber: '100',
          SizeBytes: 42,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
      arn,
      'us-east-1',
    );
    expect(record).toEqual({
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: 1_700_000_000,
        Keys: { pk: { S: 'ENV#p#e' }, sk: { S: 'FLAG#f' } },
        NewImage: { pk: { S: 'ENV#p#e' }, blob: { B: 'AQI=' }, n: { N: '2' } },
        OldImage: { pk: { S: 'ENV#p#e' }, n: { N: '1' } },
        SequenceNumber: '100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: arn,
    });
  });
});

describe('buildKinesisEventRecord', () => {
  const record = buildKinesisEventRecord(
    {
      SequenceNumber: '4959',
      ApproximateArrivalTimestamp: new Date(1_700_000_000_250),
      Data: Buffer.from('{"kind":"summary"}'),
      PartitionKey: 'env-1',
    },
    'shardId-000000000000',
    'arn:aws:kinesis:us-east-1:000000000000:stream/events',
    'us-east-1',
    'aggregator',
  );

  it('builds the Lambda record with base64 data and a shard-qualified event id', () => {
    expect(record).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'env-1',
        sequenceNumber: '4959',
        data: Buffer.from('{"kind":"summary"}').toString('base64'),
        approximateArrivalTimestamp: 1_700_000_000.25,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000000:4959',
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::000000000000:role/aggregator-role',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/events',
    });
  });

  it('exposes JSON data to filter patterns decoded', () => {
    expect(kinesisFilterView(record)).toMatchObject({ partitionKey: 'env-1', data: { kind: 'summary' } });
  });
});
