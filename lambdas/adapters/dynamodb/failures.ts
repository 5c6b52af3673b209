import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

const nameOf = (error: unknown): string | undefined => (error as { name?: string } | null)?.name;

/** A write whose `ConditionExpression` did not hold: a decision, not a failure. */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || nameOf(error) === 'ConditionalCheckFailedException';

/** DynamoDB refuses the request itself (a number out of range, an oversized item): final. */
export const isRefused = (error: unknown): boolean => nameOf(error) === 'ValidationException';
