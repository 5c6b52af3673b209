import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { functionNameVar } from '@switchboard/topology';
import type { CommittedEvent } from '../../domain/committed-changes.js';
import type { ItemChange } from '../../domain/delivery.js';
import type { ChangeHandoff } from '../../services/change-handoff.js';
import { awsRequestHandler } from '../client-options.js';

/** The fan-out's physical name, as the stack passes it to functions that declare `invokes: ['fanout']`. */
export const FANOUT_FUNCTION_VAR = functionNameVar('fanout');

/** Lambda takes up to 1 MB in an asynchronous invocation's payload (the Invoke API reference). */
const MAX_PAYLOAD_BYTES = 1_000_000;

/**
 * The fast path on AWS: one asynchronous `Invoke` (type `Event`) of the fan-out with the committed
 * changes. Lambda answers 202 once the event is queued (tens of milliseconds), so the API response
 * waits for the queueing, not for delivery. One attempt with a 1 s request timeout: a slow or failed
 * hand-off costs the response at most that, and the stream delivers the change anyway. A payload too
 * large for an event (a transaction of many large items) is left to the stream.
 */
export class LambdaChangeHandoff implements ChangeHandoff {
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly client: LambdaClient = new LambdaClient({
      requestHandler: awsRequestHandler({ requestTimeoutMs: 1_000 }),
      maxAttempts: 1,
    }),
    private readonly functionName: string = fanoutFunctionName(),
  ) {}

  async handOff(changes: readonly ItemChange[]): Promise<void> {
    const event: CommittedEvent = { committed: changes };
    const payload = this.encoder.encode(JSON.stringify(event));
    if (payload.byteLength > MAX_PAYLOAD_BYTES) {
      throw new Error(`${payload.byteLength} bytes exceed an event's ${MAX_PAYLOAD_BYTES}`);
    }
    await this.client.send(
      new InvokeCommand({ FunctionName: this.functionName, InvocationType: 'Event', Payload: payload }),
    );
  }
}

function fanoutFunctionName(): string {
  const name = process.env[FANOUT_FUNCTION_VAR];
  if (!name) throw new Error(`Environment variable ${FANOUT_FUNCTION_VAR} is not set`);
  return name;
}
