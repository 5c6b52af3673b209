import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsRequestHandler } from '../client-options.js';

let shared: DynamoDBDocumentClient | undefined;

/**
 * Numbers read back as `JSON.parse` reads them, the nearest double. Without it `unmarshall` throws
 * on a stored number past 2^53 with a fraction (a metric sum DynamoDB added up to 38 digits), and
 * returns a `bigint`, which no caller expects (and `JSON.stringify` refuses), for one without.
 */
export const asDouble = (value: string): number => Number(value);

/**
 * One document client per container, reused across invocations. Endpoint and region come from the
 * SDK's own configuration (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local), so no local branch.
 */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  shared ??= DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: awsRequestHandler() }), {
    // A JSON number past 2^53 (a variation's value) is stored as `JSON.stringify` writes it; the
    // marshaller otherwise refuses it, and the write would fail.
    marshallOptions: { removeUndefinedValues: true, allowImpreciseNumbers: true },
    unmarshallOptions: { wrapNumbers: asDouble },
  });
  return shared;
}
