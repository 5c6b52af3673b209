import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ItemChange } from '../../domain/delivery.js';
import { FAST_PATH_PARTS_VAR, FAST_PATH_REPLICAS_VAR, LambdaChangeHandoff } from './change-handoff.js';

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
    await new LambdaChangeHandoff(
      new LambdaClient({}),
      'switchboard-fanout',
      () => 3,
      () => 1,
    ).handOff([change({ on: true })]);
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
    const handoff = new LambdaChangeHandoff(
      new LambdaClient({}),
      'switchboard-fanout',
      () => 4,
      () => 1,
    );
    await expect(handoff.handOff([change({ on: true })])).rejects.toThrow(/1 of 4 hand-offs failed/);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(4);
  });

  it('sends every part to each replica with the hand-off’s id, a new id per hand-off', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const handoff = new LambdaChangeHandoff(
      new LambdaClient({}),
      'switchboard-fanout',
      () => 3,
      () => 2,
    );
    await handoff.handOff([change({ on: true })]);
    await handoff.handOff([change({ on: false })]);
    const payloads = lambda
      .commandCalls(InvokeCommand)
      .map((call) => JSON.parse(new TextDecoder().decode(call.args[0].input.Payload as Uint8Array)));
    expect(payloads).toHaveLength(12);
    const [first, second] = [payloads.slice(0, 6), payloads.slice(6)];
    expect(first.map((p) => p.part.index)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(new Set(first.map((p) => p.handoff)).size).toBe(1);
    expect(first[0].handoff).toMatch(/^[0-9a-f-]{36}$/);
    expect(second[0].handoff).not.toBe(first[0].handoff);
  });

  describe.each([
    { variable: FAST_PATH_REPLICAS_VAR, what: 'replicas per part', perUnit: 8 },
    { variable: FAST_PATH_PARTS_VAR, what: 'parts', perUnit: 2 },
  ])('$variable ($what)', ({ variable, perUnit }) => {
    it('sets the invocations per hand-off; unset or not a positive integer, the default (8 parts × 2 replicas)', async () => {
      lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
      const sent = async (value: string | undefined) => {
        lambda.resetHistory();
        if (value === undefined) delete process.env[variable];
        else process.env[variable] = value;
        await new LambdaChangeHandoff(new LambdaClient({}), 'switchboard-fanout').handOff([change({})]);
        return lambda.commandCalls(InvokeCommand).length;
      };
      try {
        expect(await sent('1')).toBe(perUnit);
        expect(await sent('3')).toBe(3 * perUnit);
        expect(await sent(undefined)).toBe(16);
        expect(await sent('0')).toBe(16);
        expect(await sent('two')).toBe(16);
      } finally {
        delete process.env[variable];
      }
    });
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
