import { describe, expect, it } from 'vitest';
import { AGAIN, retry } from './retry.js';

/** An attempt that answers `outcomes` in turn (an Error is thrown), recording its attempt numbers. */
function scripted(outcomes: readonly (string | Error | typeof AGAIN)[]) {
  const calls: number[] = [];
  const attempt = async (n: number) => {
    calls.push(n);
    const outcome = outcomes[n - 1];
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { attempt, calls };
}

const busy = new Error('busy');
const retryBusy = (error: unknown) => error === busy;

describe('retry', () => {
  it('returns the first answer that is not AGAIN, pausing before each retry', async () => {
    const { attempt, calls } = scripted([AGAIN, busy, 'done']);
    const pauses: number[] = [];
    const delayMs = (n: number) => {
      pauses.push(n);
      return 0;
    };
    await expect(retry({ attempts: 5, delayMs, retryOn: retryBusy }, attempt)).resolves.toBe('done');
    expect(calls).toEqual([1, 2, 3]);
    expect(pauses).toEqual([1, 2]);
  });

  it('returns AGAIN when the attempts run out on AGAIN', async () => {
    const { attempt, calls } = scripted([AGAIN, AGAIN, AGAIN, 'late']);
    await expect(retry({ attempts: 3 }, attempt)).resolves.toBe(AGAIN);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('rethrows the last retried error when the attempts run out on it', async () => {
    const { attempt, calls } = scripted([busy, busy]);
    await expect(retry({ attempts: 2, retryOn: retryBusy }, attempt)).rejects.toBe(busy);
    expect(calls).toEqual([1, 2]);
  });

  it('rethrows at once an error retryOn does not accept', async () => {
    const fatal = new Error('fatal');
    const { attempt, calls } = scripted([fatal, 'never']);
    await expect(retry({ attempts: 5, retryOn: retryBusy }, attempt)).rejects.toBe(fatal);
    expect(calls).toEqual([1]);
  });

  it.each<[string, typeof AGAIN | Error]>([
    ['AGAIN', AGAIN],
    ['a retried error', busy],
  ])('stops when canWait refuses the next pause, after %s', async (_name, outcome) => {
    const { attempt, calls } = scripted([AGAIN, outcome, 'never']);
    const waits: number[] = [];
    const canWait = (delay: number) => {
      waits.push(delay);
      return waits.length < 2;
    };
    const run = retry(
      { attempts: Number.POSITIVE_INFINITY, delayMs: (n) => n * 10, retryOn: retryBusy, canWait },
      attempt,
    );
    if (outcome === AGAIN) await expect(run).resolves.toBe(AGAIN);
    else await expect(run).rejects.toBe(busy);
    expect(calls).toEqual([1, 2]);
    expect(waits).toEqual([10, 20]);
  });
});
