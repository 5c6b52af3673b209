import { randomUUID } from 'node:crypto';
import type { Invoke } from '../functions/load-functions.js';
import { type Logger, since } from '../log.js';
import type { RuntimeSchedule } from '../topology.js';

/** EventBridge's scheduled event, as a rule's Lambda target receives it. */
export function scheduledEvent(ruleName: string, now: Date): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'local',
    resources: [`arn:aws:events:local:000000000000:rule/${ruleName}`],
    detail: {},
  };
}

export interface SchedulerOptions {
  readonly schedules: readonly RuntimeSchedule[];
  readonly functions: ReadonlyMap<string, Invoke>;
  readonly logger: Logger;
  /** Runs every schedule this often instead of its declared rate (tests). @default the declared rate */
  readonly intervalMs?: number | undefined;
}

/**
 * Runs each declared schedule's function on its rate, as an EventBridge rule would. A run still going
 * when the next is due is not doubled up (EventBridge would start a second; nothing here needs one).
 * Returns a stop function that waits for the runs in progress.
 *
 * @example
 * const stop = startSchedules({ schedules: topology.schedules ?? [], functions, logger });
 * await stop();
 */
export function startSchedules(options: SchedulerOptions): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  for (const schedule of options.schedules) {
    const invoke = options.functions.get(schedule.function);
    if (!invoke) throw new Error(`Schedule for undeclared function "${schedule.function}"`);
    const run = () => {
      if (running.has(schedule.function)) return;
      const started = performance.now();
      const done = invoke(scheduledEvent(schedule.function, new Date()))
        .then(
          () => options.logger.debug(`SCHEDULE ${schedule.function} ${since(started)}`),
          (error: Error) =>
            options.logger.warn(`${schedule.function} failed: ${error.stack ?? String(error)}`),
        )
        .finally(() => running.delete(schedule.function));
      running.set(schedule.function, done);
    };
    timers.push(setInterval(run, options.intervalMs ?? schedule.rateMinutes * 60_000));
  }
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(running.values());
  };
}
