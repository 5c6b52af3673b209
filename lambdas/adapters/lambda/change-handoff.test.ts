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

  it('queues the committed changes for the fan-out with one asynchronous Invoke per part of the slices', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await new LambdaChangeHandoff(new LambdaClient({}), 'switchboard-fanout', 3).handOff([
      change({ on: true }),
    ]);
    const calls = lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
    expect(calls.every((input) => input.FunctionName === 'switchboard-fanout')).toBe(true);
    expect(calls.every((input) => input.InvocationType === 'Event')).toBe(true);
    const payloads = calls.map((input) => JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array)));
    expect(payloads).toEqual(
      [0, 1, 2].map((index) => ({ committed: [change({ on: true })], part: { index, of: 3 } })),
    );
  });

  it('starts every part even when one is refused, and reports the refusal', async () => {
    let calls = 0;
    lambda.on(InvokeCommand).callsFake(() => {
      calls += 1;
      if (calls === 2) throw new Error('TooManyRequestsException');
      return { StatusCode: 202 };
    });
    const handoff = new LambdaChangeHandoff(new LambdaClient({}), 'switchboard-fanout', 4);
    await expect(handoff.handOff([change({ on: true })])).rejects.toThrow(/1 of 4 hand-offs failed/);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(4);
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
