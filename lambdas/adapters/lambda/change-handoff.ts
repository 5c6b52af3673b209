import { randomUUID } from 'node:crypto';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { functionNameVar } from '@switchboard/topology';
import { FAST_PATH_PARTS, FAST_PATH_REPLICAS, fastPathEvents } from '../../domain/committed-changes.js';
import type { ItemChange } from '../../domain/delivery.js';
import type { ChangeHandoff } from '../../services/change-handoff.js';
import { awsRequestHandler } from '../client-options.js';
import { requiredSetting } from '../config.js';
import { lambdaSdk } from './lambda-sdk.js';

/** The fan-out's physical name, as the stack passes it to functions that declare `invokes: ['fanout']`. */
export const FANOUT_FUNCTION_VAR = functionNameVar('fanout');

/**
 * `FAST_PATH_REPLICAS`, read per hand-off: invocations per part (default {@link FAST_PATH_REPLICAS}).
 * The local runtime sets 1: its `Invoke` starts the function at once, with no queue or cold start to
 * hedge against.
 */
export const FAST_PATH_REPLICAS_VAR = 'FAST_PATH_REPLICAS';

/**
 * `FAST_PATH_PARTS`, read per hand-off: invocations that share the slices (default
 * {@link FAST_PATH_PARTS}); `bench:delivery --parts` compares part counts locally.
 */
export const FAST_PATH_PARTS_VAR = 'FAST_PATH_PARTS';

/** A positive integer from `name` in the environment, else `fallback`. */
function countFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name] || Number.NaN);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

const replicasFromEnvironment = () => countFromEnvironment(FAST_PATH_REPLICAS_VAR, FAST_PATH_REPLICAS);
const partsFromEnvironment = () => countFromEnvironment(FAST_PATH_PARTS_VAR, FAST_PATH_PARTS);

/** Lambda takes up to 1 MB in an asynchronous invocation's payload (the Invoke API reference). */
const MAX_PAYLOAD_BYTES = 1_000_000;

/**
 * The fast path on AWS: `parts` × `replicas` asynchronous `Invoke`s (type `Event`) of the fan-out at
 * once, each with the committed changes and its share of the slices; a part's replicas carry the
 * hand-off's id, and the first to claim the part posts it. Lambda answers 202 once an event is
 * queued (tens of milliseconds), so the API response waits for the queueing, not for delivery. One
 * attempt each with a 1 s request timeout: a slow or failed hand-off costs the response at most
 * that, and the stream delivers the change anyway (the parts that were queued deliver theirs). A
 * payload too large for an event (a transaction of many large items) is left to the stream.
 */
export class LambdaChangeHandoff implements ChangeHandoff {
  private readonly encoder = new TextEncoder();

  constructor(
    private client?: LambdaClient,
    private readonly functionName: string = fanoutFunctionName(),
    private readonly parts: () => number = partsFromEnvironment,
    private readonly replicas: () => number = replicasFromEnvironment,
  ) {}

  async handOff(changes: readonly ItemChange[]): Promise<void> {
    const replicas = this.replicas();
    const shape = { parts: this.parts(), replicas, ...(replicas > 1 ? { handoff: randomUUID() } : {}) };
    const payloads = fastPathEvents(changes, shape).map((event) =>
      this.encoder.encode(JSON.stringify(event)),
    );
    const largest = Math.max(...payloads.map((payload) => payload.byteLength));
    if (largest > MAX_PAYLOAD_BYTES) {
      throw new Error(`${largest} bytes exceed an event's ${MAX_PAYLOAD_BYTES}`);
    }
    const { LambdaClient, InvokeCommand } = await lambdaSdk();
    this.client ??= new LambdaClient({
      requestHandler: awsRequestHandler({ requestTimeoutMs: 1_000 }),
      maxAttempts: 1,
    });
    const client = this.client;
    const sent = await Promise.allSettled(
      payloads.map((Payload) =>
        client.send(new InvokeCommand({ FunctionName: this.functionName, InvocationType: 'Event', Payload })),
      ),
    );
    const failed = sent.filter((result) => result.status === 'rejected');
    if (failed.length > 0) {
      throw new AggregateError(
        failed.map((result) => result.reason),
        `${failed.length} of ${payloads.length} hand-offs failed: ${String(failed[0]?.reason)}`,
      );
    }
  }
}

function fanoutFunctionName(): string {
  return requiredSetting(FANOUT_FUNCTION_VAR);
}
