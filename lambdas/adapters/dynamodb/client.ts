import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsRequestHandler } from '../client-options.js';

let shared: DynamoDBDocumentClient | undefined;

/**
 * One document client per container, reused across invocations. Endpoint and region come from the
 * SDK's own configuration (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local), so no local branch.
 */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  shared ??= DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: awsRequestHandler() }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return shared;
}
