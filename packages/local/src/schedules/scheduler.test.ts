import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log.js';
import { startSchedules } from './scheduler.js';

const logger = createLogger('quiet', () => undefined);

describe('startSchedules', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each scheduled function on its rate with an EventBridge scheduled event', async () => {
    const events: unknown[] = [];
    const functions = new Map([['sweep', async (event: unknown) => void events.push(event)]]);
    const stop = startSchedules({
      schedules: [{ function: 'sweep', rateMinutes: 1, description: '' }],
      functions,
      logger,
    });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(events).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(121_000);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} });
    await stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events).toHaveLength(3);
  });

  it('never starts a run while the previous one is still going', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const slow = () => {
      runs += 1;
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    };
    const stop = startSchedules({
      schedules: [{ function: 'slow', rateMinutes: 1, description: '' }],
      functions: new Map([['slow', slow]]),
      logger,
      intervalMs: 100,
    });
    await vi.advanceTimersByTimeAsync(350);
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    finish();
    await stop();
  });

  it('refuses a schedule for a function that is not declared', () => {
    expect(() =>
      startSchedules({
        schedules: [{ function: 'nope', rateMinutes: 1, description: '' }],
        functions: new Map(),
        logger,
      }),
    ).toThrow('undeclared function "nope"');
  });
});
