import type { LambdaClient } from '@aws-sdk/client-lambda';
import { functionNameVar } from '@switchboard/topology';
import type { SliceTask, WorkerDispatcher } from '../../services/delivery-ports.js';
import { awsRequestHandler } from '../client-options.js';
import { requiredSetting } from '../config.js';
import { lambdaSdk } from './lambda-sdk.js';

/**
 * Starts a fan-out worker per task with an asynchronous `Invoke` (type `Event`): Lambda queues it,
 * retries a failed run twice, and the fan-out does not wait for the posts. The worker's physical name
 * comes from `FANOUT_WORKER_FUNCTION`; `AWS_ENDPOINT_URL_LAMBDA` points the SDK at the local runtime.
 */
export class LambdaWorkerDispatcher implements WorkerDispatcher {
  private readonly encoder = new TextEncoder();

  constructor(
    private client?: LambdaClient,
    private readonly functionName: string = workerFunctionName(),
  ) {}

  async dispatch(task: SliceTask): Promise<void> {
    const { LambdaClient, InvokeCommand } = await lambdaSdk();
    this.client ??= new LambdaClient({ requestHandler: awsRequestHandler() });
    await this.client.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: this.encoder.encode(JSON.stringify(task)),
      }),
    );
  }
}

function workerFunctionName(): string {
  return requiredSetting(functionNameVar('fanout-worker'));
}
