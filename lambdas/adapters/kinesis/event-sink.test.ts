import { KinesisClient, PutRecordsCommand, type PutRecordsCommandInput } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../errors.js';
import { KinesisEventSink } from './event-sink.js';

const kinesis = mockClient(KinesisClient);
const sink = (attempts = 4) =>
  new KinesisEventSink({
    client: new KinesisClient({ region: 'us-east-1' }),
    streamName: 'events',
    attempts,
    baseDelayMs: 1,
    partitionKey: (() => {
      let n = 0;
      return () => `pk-${n++}`;
    })(),
  });
const sent = () =>
  kinesis
    .commandCalls(PutRecordsCommand)
    .map((call) =>
      (call.args[0].input as PutRecordsCommandInput).Records?.map((r) => new TextDecoder().decode(r.Data)),
    );

beforeEach(() => kinesis.reset());

describe('KinesisEventSink', () => {
  it('puts every record with its own random partition key', async () => {
    kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 0, Records: [{}, {}] });
    await sink().publish(['a', 'b']);
    const input = kinesis.commandCalls(PutRecordsCommand)[0]?.args[0].input as PutRecordsCommandInput;
    expect(input.StreamName).toBe('events');
    expect(input.Records?.map((r) => r.PartitionKey)).toEqual(['pk-0', 'pk-1']);
  });

  it('re-sends only the records PutRecords reports as failed', async () => {
    kinesis
      .on(PutRecordsCommand)
      .resolvesOnce({
        FailedRecordCount: 2,
        Records: [
          { SequenceNumber: '1', ShardId: 's' },
          { ErrorCode: 'ProvisionedThroughputExceededException' },
          { SequenceNumber: '2', ShardId: 's' },
          { ErrorCode: 'InternalFailure' },
        ],
      })
      .resolvesOnce({
        FailedRecordCount: 1,
        Records: [{ SequenceNumber: '3' }, { ErrorCode: 'InternalFailure' }],
      })
      .resolves({ FailedRecordCount: 0, Records: [{ SequenceNumber: '4' }] });
    await sink().publish(['a', 'b', 'c', 'd']);
    expect(sent()).toEqual([['a', 'b', 'c', 'd'], ['b', 'd'], ['d']]);
  });

  it('gives up with 503 after the last attempt, naming the error', async () => {
    kinesis
      .on(PutRecordsCommand)
      .resolves({ FailedRecordCount: 1, Records: [{ ErrorCode: 'InternalFailure' }] });
    await expect(sink(3).publish(['a'])).rejects.toThrow(ServiceUnavailableError);
    await expect(sink(3).publish(['a'])).rejects.toThrow(/InternalFailure/);
    expect(sent()).toHaveLength(6);
  });

  it('retries a throttled call with the same records', async () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    kinesis
      .on(PutRecordsCommand)
      .rejectsOnce(throttled)
      .resolves({ FailedRecordCount: 0, Records: [{}] });
    await sink().publish(['a']);
    expect(sent()).toEqual([['a'], ['a']]);
  });

  it('splits more than 500 records over several calls', async () => {
    kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 0 });
    await sink().publish(Array.from({ length: 1_201 }, (_, i) => `r${i}`));
    expect(sent().map((records) => records?.length)).toEqual([500, 500, 201]);
  });
});
