import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * A flags-table stream record as Lambda hands it over (NEW_AND_OLD_IMAGES), for handler tests.
 *
 * @example
 * streamRecord('REMOVE', { pk: 'SDKKEY#…', sk: 'SDKKEY' }, { OldImage: { project, env } }, '7');
 */
export function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  keys: { readonly pk: string; readonly sk: string },
  images: { readonly NewImage?: object; readonly OldImage?: object },
  sequence: string,
): DynamoDBRecord {
  return {
    eventID: sequence,
    eventName,
    dynamodb: {
      Keys: marshall(keys),
      SequenceNumber: sequence,
      ...(images.NewImage ? { NewImage: marshall({ ...keys, ...images.NewImage }) } : {}),
      ...(images.OldImage ? { OldImage: marshall({ ...keys, ...images.OldImage }) } : {}),
    },
  } as unknown as DynamoDBRecord;
}
