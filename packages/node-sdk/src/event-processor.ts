import {
  type AnalyticsEvent,
  type CountableResult,
  type CustomEvent,
  EventSummarizer,
  ingestPayloads,
  PAYLOAD_ID_HEADER,
} from '@switchboard/core/events';
import type { Logger } from './logger.js';
import type { Platform, TimerHandle } from './platform.js';

/** What the event processor needs, defaults filled in. */
export interface EventsConfig {
  readonly sdkKey: string;
  /** `POST {baseUrl}/sdk/v1/events`. */
  readonly baseUrl: string;
  readonly flushIntervalMs: number;
  /** Custom events held between flushes; more are dropped and counted. */
  readonly capacity: number;
  /** Wait before the one retry of a failed post. */
  readonly retryDelayMs: number;
  readonly requestTimeoutMs: number;
}

/** Counters of what the event processor did, from {@link SwitchboardClient.eventStats}. */
export interface EventStats {
  /** Events (summaries and custom events) delivered with a 2xx. */
  readonly eventsSent: number;
  /** Custom events dropped because the buffer was full. */
  readonly droppedAtCapacity: number;
  /** Events dropped because their post failed twice (or was refused with a 4xx). */
  readonly droppedAfterFailure: number;
  /** Posts that failed for good. */
  readonly failedPosts: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_ANSWER = 'network error or timeout';
/** Why a post failed: no answer, or the status the service answered. */
type Failure = typeof NO_ANSWER | number;

const RETRYABLE = (outcome: Failure) =>
  outcome === NO_ANSWER || outcome >= 500 || outcome === 408 || outcome === 429;
const TOO_LARGE = 413;
const KEY_REJECTED = (outcome: Failure) => outcome === 401 || outcome === 403;

/**
 * Counts evaluations into a summary (in memory, synchronously: an evaluation never waits for the
 * network) and buffers custom events up to a capacity; every `flushIntervalMs`, on `flush()` and on
 * `close()` it posts them, summaries apart from custom events and each post within ingest's limits
 * ({@link ingestPayloads}). A failed post is retried once after `retryDelayMs` with the same payload
 * id, a post refused as too large (413) is split in two, and what still fails is dropped with a
 * warning; every drop is counted in {@link stats}. Once the service rejects the SDK key (401, 403)
 * it posts nothing more, as LaunchDarkly's SDK: no later post could succeed.
 */
export class EventProcessor {
  private readonly summarizer = new EventSummarizer();
  private readonly now = () => this.platform.clock.now();
  private buffer: CustomEvent[] = [];
  private readonly counters: Mutable<EventStats> = {
    eventsSent: 0,
    droppedAtCapacity: 0,
    droppedAfterFailure: 0,
    failedPosts: 0,
  };
  private droppedSinceWarning = 0;
  private timer: TimerHandle | undefined;
  private sending: Promise<void> = Promise.resolve();
  private closed = false;
  private keyRejected = false;

  constructor(
    private readonly config: EventsConfig,
    private readonly platform: Platform,
    private readonly logger: Logger,
  ) {
    this.schedule();
  }

  /**
   * Counts one evaluation of flag `key`; synchronous, and allocation-free after a shared result's
   * first count in a flush window. `versionOf` gives the flag's version for a result (undefined for
   * an unknown flag); it is asked only on such a first count, and for error results.
   */
  countResult<R extends CountableResult>(
    key: string,
    result: R,
    versionOf: (key: string, result: R) => number | undefined,
    defaultValue: unknown,
    context: unknown,
  ): void {
    this.summarizer.countResult(key, result, versionOf, defaultValue, context, this.now);
  }

  /** Buffers a custom event, or drops and counts it when the buffer is full. */
  track(event: CustomEvent): void {
    if (this.closed) return;
    if (this.buffer.length >= this.config.capacity) {
      this.counters.droppedAtCapacity++;
      this.droppedSinceWarning++;
      return;
    }
    this.buffer.push(event);
  }

  get stats(): EventStats {
    return { ...this.counters };
  }

  /** Posts what was counted and buffered so far; resolves when that post (and its retry) is over. */
  flush(): Promise<void> {
    if (this.droppedSinceWarning > 0) {
      this.logger.warn(
        `Switchboard dropped ${this.droppedSinceWarning} custom event(s): the buffer holds ${this.config.capacity}; flush more often or raise eventCapacity`,
      );
      this.droppedSinceWarning = 0;
    }
    const events: AnalyticsEvent[] = [];
    const summary = this.summarizer.flush(this.platform.clock.now());
    if (summary) events.push(summary);
    if (this.buffer.length > 0) {
      events.push(...this.buffer);
      this.buffer = [];
    }
    if (events.length === 0) return this.sending;
    // Posts go out one at a time, in order.
    for (const payload of ingestPayloads(events)) {
      this.sending = this.sending.then(() => this.post(payload));
    }
    return this.sending;
  }

  /** Flushes a last time and stops the timer; later evaluations are no longer counted. */
  async close(): Promise<void> {
    if (this.closed) return this.sending;
    if (this.timer !== undefined) this.platform.timers.clear(this.timer);
    this.timer = undefined;
    const last = this.flush();
    this.closed = true;
    await last;
  }

  private schedule(): void {
    this.timer = this.platform.timers.set(() => {
      if (this.closed) return;
      void this.flush();
      this.schedule();
    }, this.config.flushIntervalMs);
  }

  private async post(events: AnalyticsEvent[]): Promise<void> {
    if (this.keyRejected) {
      this.counters.droppedAfterFailure += events.length;
      return;
    }
    const body = JSON.stringify(events);
    const payloadId = globalThis.crypto.randomUUID();
    for (let attempt = 1; attempt <= 2; attempt++) {
      const outcome = await this.send(body, payloadId);
      if (outcome === 'ok') {
        this.counters.eventsSent += events.length;
        return;
      }
      if (outcome === TOO_LARGE && events.length > 1) {
        const half = Math.ceil(events.length / 2);
        await this.post(events.slice(0, half));
        await this.post(events.slice(half));
        return;
      }
      if (!RETRYABLE(outcome) || attempt === 2) {
        this.drop(events.length, outcome);
        return;
      }
      await new Promise<void>((resolve) => this.platform.timers.set(resolve, this.config.retryDelayMs));
    }
  }

  private drop(count: number, outcome: Failure): void {
    this.counters.failedPosts++;
    this.counters.droppedAfterFailure += count;
    if (KEY_REJECTED(outcome)) {
      this.keyRejected = true;
      this.logger.warn(
        `Switchboard dropped ${count} analytics event(s) and sends no more: the service rejected the SDK key (HTTP ${outcome})`,
      );
      return;
    }
    this.logger.warn(
      `Switchboard dropped ${count} analytics event(s) (${typeof outcome === 'number' ? `HTTP ${outcome}` : outcome}); ${this.counters.droppedAfterFailure} dropped so far`,
    );
  }

  /** 'ok', or why the post failed. */
  private async send(body: string, payloadId: string): Promise<'ok' | Failure> {
    const abort = new AbortController();
    const timeout = this.platform.timers.set(() => abort.abort(), this.config.requestTimeoutMs);
    try {
      const response = await this.platform.fetch(`${this.config.baseUrl.replace(/\/$/, '')}/sdk/v1/events`, {
        method: 'POST',
        headers: {
          authorization: this.config.sdkKey,
          'content-type': 'application/json',
          [PAYLOAD_ID_HEADER]: payloadId,
        },
        body,
        signal: abort.signal,
      });
      // Read the (small) body so the connection can be reused.
      void response.json().catch(() => {});
      return response.status >= 200 && response.status < 300 ? 'ok' : response.status;
    } catch (error) {
      this.logger.debug('Switchboard event post failed', error);
      return NO_ANSWER;
    } finally {
      this.platform.timers.clear(timeout);
    }
  }
}
