import type { AnalyticsEvent } from '@switchboard/core/events';
import { checkEventTimes } from '@switchboard/core/schema';
import { packEvents, RECORD_TARGET_BYTES } from '../domain/event-packing.js';
import { ValidationError } from '../errors.js';
import type { EventSink } from './analytics-ports.js';
import type { Clock, EnvironmentLocator } from './ports.js';

/**
 * Accepts a validated batch of analytics events for the environment of the caller's key: checks the
 * event times against the clock, stamps the environment and receipt time, packs the events into as
 * few records as fit, and puts them on the stream. Nothing is written unless the whole batch is valid.
 */
export class IngestService {
  constructor(
    private readonly sink: EventSink,
    private readonly clock: Clock,
    private readonly recordTargetBytes = RECORD_TARGET_BYTES,
  ) {}

  async ingest(
    environment: EnvironmentLocator,
    events: readonly AnalyticsEvent[],
    payloadId?: string,
  ): Promise<{ accepted: number; records: number }> {
    const now = this.clock.now().getTime();
    const issue = checkEventTimes(events, now);
    if (issue) throw new ValidationError(`${issue.field}: ${issue.message}`, issue.field);
    const records = packEvents(
      { project: environment.project, env: environment.env, receivedAt: now, payloadId },
      events,
      this.recordTargetBytes,
    );
    await this.sink.publish(records);
    return { accepted: events.length, records: records.length };
  }
}
