import type { SwitchboardError } from './errors.js';
import type { FlagStore, ItemChange } from './flag-store.js';
import type { Logger } from './logger.js';
import type { Platform } from './platform.js';

/** What a data source tells its owner. */
export interface DataSourceListener {
  /** Items whose stored version changed, in one batch per snapshot or message. */
  onChanges(changes: readonly ItemChange[]): void;
  /** The store is current (a snapshot, and anything buffered during its fetch, is applied). */
  onSynced(): void;
  /** The connection was lost or a sync failed; the source retries by itself. */
  onInterrupted(error: Error): void;
  /** The data source cannot work and has stopped for good (a rejected SDK key, an unreadable file). */
  onFatal(error: SwitchboardError): void;
}

/** Something that keeps a client's {@link FlagStore} filled: the service, a poller, test data, a file. */
export interface DataSource {
  /** Begins filling the store; called once, by the client's constructor. */
  start(): void;
  /** Stops for good; resolves once every socket, timer and watcher is released. */
  stop(): Promise<void>;
}

/** What a client hands a {@link DataSourceFactory}. */
export interface DataSourceContext {
  readonly store: FlagStore;
  readonly platform: Platform;
  readonly logger: Logger;
  readonly listener: DataSourceListener;
}

/**
 * Creates the data source of one client; passed as the `dataSource` option, e.g. from
 * `TestData.getFactory()` or `fileData()`.
 *
 * @example
 * ```ts
 * const td = new TestData();
 * const client = init({ dataSource: td.getFactory() });
 * ```
 */
export type DataSourceFactory = (context: DataSourceContext) => DataSource;
