import { describe, expect, it } from 'vitest';
import { type BatchSettings, interpretItemFailures, runBatch } from './batch-runner.js';

const records = ['1', '2', '3', '4', '5', '6'];
const identify = (record: string) => record;
const settings = (overrides: Partial<BatchSettings> = {}): BatchSettings => ({
  retryAttempts: 2,
  bisectBatchOnError: false,
  reportBatchItemFailures: false,
  ...overrides,
});

/** A handler that fails `times` times on batches containing `poison`, and records what it saw. */
function flaky(poison: string, times: number) {
  const calls: string[][] = [];
  let failures = 0;
  const invoke = async (batch: readonly string[]) => {
    calls.push([...batch]);
    if (batch.includes(poison) && failures < times) {
      failures++;
      throw new Error('boom');
    }
  };
  return { calls, invoke };
}

describe('runBatch', () => {
  it('invokes once when the handler succeeds', async () => {
    const handler = flaky('x', 0);
    const outcome = await runBatch({ records, identify, invoke: handler.invoke, settings: settings() });
    expect(outcome).toEqual({ invocations: 1, skipped: 0, aborted: false });
  });

  it('retries a failing batch whole until it succeeds', async () => {
    const handler = flaky('3', 2);
    const outcome = await runBatch({ records, identify, invoke: handler.invoke, settings: settings() });
    expect(handler.calls).toEqual([records, records, records]);
    expect(outcome.skipped).toBe(0);
  });

  it('skips the batch after retryAttempts retries and reports it', async () => {
    const handler = flaky('3', Number.POSITIVE_INFINITY);
    const skippedRecords: string[][] = [];
    const outcome = await runBatch({
      records,
      identify,
      invoke: handler.invoke,
      settings: settings({ retryAttempts: 1 }),
      onSkip: (batch) => skippedRecords.push([...batch]),
    });
    expect(handler.calls).toHaveLength(2);
    expect(outcome.skipped).toBe(6);
    expect(skippedRecords).toEqual([records]);
  });

  it('bisects a failing batch down to the failing record and skips only that one', async () => {
    const handler = flaky('2', Number.POSITIVE_INFINITY);
    const outcome = await runBatch({
      records,
      identify,
      invoke: handler.invoke,
      settings: settings({ retryAttempts: 2, bisectBatchOnError: true }),
    });
    expect(handler.calls).toEqual([
      records,
      ['1', '2', '3'],
      ['1', '2'],
      ['1'],
      ['2'],
      ['2'],
      ['2'],
      ['3'],
      ['4', '5', '6'],
    ]);
    expect(outcome.skipped).toBe(1);
  });

  it('retries from the earliest reported item failure, in order', async () => {
    const calls: string[][] = [];
    const answers = [
      { batchItemFailures: [{ itemIdentifier: '5' }, { itemIdentifier: '3' }] },
      { batchItemFailures: [] },
    ];
    const outcome = await runBatch({
      records,
      identify,
      invoke: async (batch) => {
        calls.push([...batch]);
        return answers.shift();
      },
      settings: settings({ reportBatchItemFailures: true }),
    });
    expect(calls).toEqual([records, ['3', '4', '5', '6']]);
    expect(outcome).toMatchObject({ invocations: 2, skipped: 0 });
  });

  it('stops retrying when the runtime stops, leaving the batch unfinished', async () => {
    const handler = flaky('1', Number.POSITIVE_INFINITY);
    let stopped = false;
    const outcome = await runBatch({
      records,
      identify,
      invoke: async (batch) => {
        stopped = true;
        return handler.invoke(batch);
      },
      settings: settings({ retryAttempts: -1 }),
      isStopped: () => stopped,
    });
    expect(outcome).toMatchObject({ invocations: 1, skipped: 0, aborted: true });
  });

  it('ignores batchItemFailures when the mapping does not report them', async () => {
    const outcome = await runBatch({
      records,
      identify,
      invoke: async () => ({ batchItemFailures: [{ itemIdentifier: '1' }] }),
      settings: settings(),
    });
    expect(outcome.invocations).toBe(1);
  });
});

describe('interpretItemFailures', () => {
  it.each([
    ['no answer', undefined, { ok: true }],
    ['an empty list', { batchItemFailures: [] }, { ok: true }],
    ['a known identifier', { batchItemFailures: [{ itemIdentifier: '4' }] }, { ok: false, retryFrom: 3 }],
    ['an unknown identifier', { batchItemFailures: [{ itemIdentifier: 'zz' }] }, { ok: false, retryFrom: 0 }],
    ['a missing identifier', { batchItemFailures: [{}] }, { ok: false, retryFrom: 0 }],
  ])('reads %s', (_name, result, expected) => {
    expect(interpretItemFailures(result, records, identify)).toEqual(expected);
  });
});
