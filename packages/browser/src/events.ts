import {
  type AnalyticsEvent,
  type CustomEvent,
  contextKindsOf,
  customEvent,
  isEventKey,
  type SummaryCounter,
  type SummaryEvent,
} from '@switchboard/core/events';
import type { Logger } from './logger.js';
import type { BrowserPlatform } from './platform.js';
import type { FlagResult } from './values.js';

/** What the event processor needs, defaults filled in. */
export interface EventsConfig {
  /** `POST {url}`: `{baseUrl}/sdk/v1/events/{clientSideId}`. */
  readonly url: string;
  readonly flushIntervalMs: number;
  /** Custom events held between flushes; more are dropped. */
  readonly capacity: number;
}

/**
 * The ingest endpoint refuses a whole batch for one bad key (empty, over 256 characters, `#` or a
 * control character), so such keys are never put in one.
 */
interface Counter {
  readonly key: string;
  readonly result: FlagResult | undefined;
  readonly value: unknown;
  count: number;
}

interface FlagEntry {
  default: unknown;
  readonly kinds: Set<string>;
}

/**
 * Counts evaluations per (flag, version, variation) and buffers `track` events; every flush
 * interval, on `flush()` and on `close()` it posts both as one batch in the payload the Node SDK
 * sends (summary + custom events), and on `pagehide` it hands what is left to `sendBeacon`, which
 * the browser delivers even as the page goes away.
 *
 * @example
 * ```ts
 * const events = new EventProcessor({ url, flushIntervalMs: 10_000, capacity: 100 }, platform, logger);
 * events.count('beta', result, false, context);
 * await events.flush();
 * ```
 */
export class EventProcessor {
  private counters = new Map<string, Counter>();
  private flags = new Map<string, FlagEntry>();
  private startDate = 0;
  private custom: CustomEvent[] = [];
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly config: EventsConfig,
    private readonly platform: BrowserPlatform,
    private readonly logger: Logger,
  ) {
    this.schedule();
  }

  /** Counts one evaluation of `key`; `result` is undefined for a flag the client does not have. */
  count(key: string, result: FlagResult | undefined, defaultValue: unknown, context: unknown): void {
    if (this.closed || !isEventKey(key)) return;
    if (this.counters.size === 0) this.startDate = Date.now();
    const id = `${key}\n${result?.version}\n${result?.variationIndex}`;
    const counter = this.counters.get(id);
    if (counter) counter.count++;
    else this.counters.set(id, { key, result, value: result ? result.value : defaultValue, count: 1 });
    const flag = this.flags.get(key) ?? { default: defaultValue, kinds: new Set<string>() };
    this.flags.set(key, flag);
    flag.default = defaultValue;
    for (const kind of contextKindsOf(context)) flag.kinds.add(kind);
  }

  /** Buffers a custom event, or drops it when the buffer is full. */
  track(key: string, context: unknown, data?: unknown, metricValue?: number): void {
    if (this.closed) return;
    const made = customEvent(key, context, data, metricValue, Date.now());
    if ('problem' in made) {
      this.logger.warn(`${made.problem}; the event was dropped`);
      return;
    }
    if (this.custom.length >= this.config.capacity) {
      this.dropped++;
      return;
    }
    this.custom.push(made.event);
  }

  /** Posts what was counted and buffered so far; resolves when the post (and its one retry) is over. */
  async flush(): Promise<void> {
    const events = this.drain();
    if (!events) return;
    const body = JSON.stringify(events);
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const response = await this.platform.fetch(this.config.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          keepalive: true,
        });
        if (response.status < 300) return;
        // A refusal (4xx other than 429) would be refused again.
        if (response.status < 500 && response.status !== 429) break;
      } catch (error) {
        this.logger.debug('Event post failed', error);
      }
    }
    this.logger.warn(`Dropped ${events.length} analytics event(s): the events endpoint did not accept them`);
  }

  /** Hands what is left to `navigator.sendBeacon` (else a `keepalive` fetch): the page is going away. */
  beacon(): void {
    const events = this.drain();
    if (!events) return;
    const body = JSON.stringify(events);
    try {
      if (this.platform.sendBeacon?.(this.config.url, new Blob([body], { type: 'application/json' }))) return;
    } catch {
      // Some browsers refuse a JSON blob; the keepalive fetch below still outlives the page.
    }
    void this.platform
      .fetch(this.config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        keepalive: true,
      })
      .catch(() => {});
  }

  /** Drops what was counted and stops counting: the server refused the client-side id. */
  discard(): void {
    clearTimeout(this.timer);
    this.counters.clear();
    this.custom = [];
    this.dropped = 0;
    this.closed = true;
  }

  /** Flushes a last time and stops counting. */
  close(): Promise<void> {
    clearTimeout(this.timer);
    const last = this.flush();
    this.closed = true;
    return last;
  }

  /** The batch to send (undefined if empty), emptying the counters and the buffer. */
  private drain(): AnalyticsEvent[] | undefined {
    if (this.dropped > 0) {
      this.logger.warn(
        `Dropped ${this.dropped} custom event(s): more than ${this.config.capacity} per flush`,
      );
      this.dropped = 0;
    }
    const events: AnalyticsEvent[] = [];
    if (this.counters.size > 0) events.push(this.summary());
    events.push(...this.custom);
    this.custom = [];
    return events.length > 0 ? events : undefined;
  }

  private summary(): SummaryEvent {
    const features: Record<
      string,
      { default?: unknown; contextKinds: string[]; counters: SummaryCounter[] }
    > = {};
    for (const [key, flag] of this.flags) {
      features[key] = {
        ...(flag.default === undefined ? {} : { default: flag.default }),
        contextKinds: [...flag.kinds],
        counters: [],
      };
    }
    for (const { key, result, value, count } of this.counters.values()) {
      features[key]?.counters.push({
        ...(result && result.variationIndex !== null ? { variation: result.variationIndex } : {}),
        ...(result ? { version: result.version } : { unknown: true }),
        value,
        count,
      });
    }
    const summary: SummaryEvent = {
      kind: 'summary',
      startDate: this.startDate,
      endDate: Date.now(),
      features,
    };
    this.counters = new Map();
    this.flags = new Map();
    return summary;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.flush();
      this.schedule();
    }, this.config.flushIntervalMs);
  }
}
