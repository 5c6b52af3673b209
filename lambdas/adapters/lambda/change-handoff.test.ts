import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ItemChange } from '../../domain/delivery.js';
import { LambdaChangeHandoff } from './change-handoff.js';

const lambda = mockClient(LambdaClient);
const change = (data: Record<string, unknown>): ItemChange => ({
  project: 'shop',
  env: 'production',
  kind: 'flag',
  key: 'beta',
  version: 2,
  data,
  sequence: 'commit-1#0',
});

describe('LambdaChangeHandoff', () => {
  beforeEach(() => lambda.reset());

  it('queues the committed changes for the fan-out with one asynchronous Invoke', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await new LambdaChangeHandoff(new LambdaClient({}), 'switchboard-fanout').handOff([change({ on: true })]);
    const [call] = lambda.commandCalls(InvokeCommand);
    expect(call?.args[0].input).toMatchObject({
      FunctionName: 'switchboard-fanout',
      InvocationType: 'Event',
    });
    const payload = JSON.parse(new TextDecoder().decode(call?.args[0].input.Payload as Uint8Array));
    expect(payload).toEqual({ committed: [change({ on: true })] });
  });

  it('refuses a payload over an asynchronous invocation’s 1 MB without calling Lambda', async () => {
    const handoff = new LambdaChangeHandoff(new LambdaClient({}), 'switchboard-fanout');
    await expect(handoff.handOff([change({ description: 'x'.repeat(1_000_001) })])).rejects.toThrow(
      /exceed an event's 1000000/,
    );
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('passes Lambda’s refusal on, for the store to log', async () => {
    lambda.on(InvokeCommand).rejects(new Error('TooManyRequestsException'));
    const handoff = new LambdaChangeHandoff(new LambdaClient({}), 'switchboard-fanout');
    await expect(handoff.handOff([change({ on: true })])).rejects.toThrow('TooManyRequestsException');
  });
});
