import type { AttributeValue, _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Lambda's JSON for attribute values: the SDK hands binary as bytes, the event carries base64.
 */
function toEventValue(value: AttributeValue): unknown {
  if (value.B) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M) return { M: toEventImage(value.M) };
  if (value.L) return { L: value.L.map(toEventValue) };
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function toEventImage(image: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toEventValue(value)]));
}

/** Builds one record of a Lambda event from DynamoDB Streams (`eventSource: 'aws:dynamodb'`). */
export function buildDynamoDbEventRecord(
  record: StreamRecord,
  eventSourceARN: string,
  awsRegion: string,
): DynamoDBRecord {
  const change = record.dynamodb ?? {};
  const dynamodb: Record<string, unknown> = {
    ApproximateCreationDateTime: Math.floor(
      (change.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000,
    ),
    Keys: toEventImage(change.Keys ?? {}),
  };
  if (change.NewImage) dynamodb.NewImage = toEventImage(change.NewImage);
  if (change.OldImage) dynamodb.OldImage = toEventImage(change.OldImage);
  Object.assign(dynamodb, {
    SequenceNumber: change.SequenceNumber,
    SizeBytes: change.SizeBytes,
    StreamViewType: change.StreamViewType,
  });
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion,
    dynamodb,
    eventSourceARN,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  } as DynamoDBRecord;
}
