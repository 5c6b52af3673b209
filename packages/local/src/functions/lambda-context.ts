import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { localRegion } from '../engines/dynamodb.js';

/** The Lambda `context` object for one invocation. */
export function lambdaContext(functionName: string, memoryMb: number, deadline: number): Context {
  const arn = `arn:aws:lambda:${localRegion}:000000000000:function:${functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
