import type { DataSource, DataSourceListener } from './data-source.js';
import { SwitchboardAuthError } from './errors.js';
import type { FlagStore } from './flag-store.js';
import type { Logger } from './logger.js';
import type { Platform, TimerHandle } from './platform.js';
import { SnapshotRequestor } from './snapshot-requestor.js';

/** Settings of the polling sync, all resolved. */
export interface PollingConfig {
  readonly sdkKey: string;
  readonly baseUrl: string;
  readonly requestTimeoutMs: number;
  readonly pollIntervalMs: number;
}

/**
 * Keeps a {@link FlagStore} in step by fetching `GET /sdk/v1/flags` every `pollIntervalMs`, for
 * networks that block WebSockets. The ETag makes an unchanged poll a 304; a failed poll is reported
 * and the next one comes on schedule; a rejected key stops polling.
 *
 * @example
 * ```ts
 * const source = new PollingDataSource(config, store, nodePlatform(), logger, listener);
 * source.start();
 * ```
 */
export class PollingDataSource implements DataSource {
  private readonly requestor: SnapshotRequestor;
  private timer: TimerHandle | undefined;
  private request: AbortController | undefined;
  private polling: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly config: PollingConfig,
    private readonly store: FlagStore,
    private readonly platform: Platform,
    private readonly logger: Logger,
    private readonly listener: DataSourceListener,
  ) {
    this.requestor = new SnapshotRequestor(
      { ...config, timeoutMs: config.requestTimeoutMs },
      platform.fetch,
      platform.timers,
    );
  }

  start(): void {
    this.polling = this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.platform.timers.clear(this.timer);
    this.timer = undefined;
    this.request?.abort();
    await this.polling;
  }

  private async poll(): Promise<void> {
    const controller = new AbortController();
    this.request = controller;
    try {
      const result = await this.requestor.fetch(controller.signal);
      if (this.stopped) return;
      const changes = result.modified ? this.store.applySnapshot(result.snapshot) : [];
      if (changes.length > 0) this.listener.onChanges(changes);
      this.listener.onSynced();
    } catch (error) {
      if (this.stopped) return;
      if (error instanceof SwitchboardAuthError) {
        this.stopped = true;
        this.logger.error(error.message);
        this.listener.onFatal(error);
        return;
      }
      this.logger.warn(`Switchboard poll failed (${(error as Error).message}); polling again on schedule`);
      this.listener.onInterrupted(error as Error);
    } finally {
      this.request = undefined;
    }
    if (this.stopped) return;
    this.timer = this.platform.timers.set(() => {
      this.timer = undefined;
      this.polling = this.poll();
    }, this.config.pollIntervalMs);
  }
}
