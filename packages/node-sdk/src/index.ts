export type { FlagState, ItemKind } from '@switchboard/core';
export { Backoff, type BackoffOptions, rotationDelay } from './backoff.js';
export {
  type AllFlagsStateOptions,
  type FlagsState,
  init,
  SwitchboardClient,
  type SwitchboardContext,
  type SwitchboardEvents,
} from './client.js';
export type { ClientStatus } from './client-status.js';
export type { DataSource, DataSourceContext, DataSourceFactory, DataSourceListener } from './data-source.js';
export {
  SwitchboardAuthError,
  SwitchboardConfigError,
  SwitchboardError,
  SwitchboardSyncError,
  SwitchboardTimeoutError,
} from './errors.js';
export type { EvaluationDetail, EvaluationReason } from './evaluation-result.js';
export type { EventStats } from './event-processor.js';
export { type FileDataOptions, fileData } from './file-data-source.js';
export type { ItemChange, Snapshot } from './flag-store.js';
export type { FlagMetadata, FlagsStateJson } from './flags-state.js';
export type { EvaluationSeriesContext, EvaluationSeriesData, Hook, HookMetadata } from './hooks.js';
export { consoleLogger, type Logger, silentLogger } from './logger.js';
export type { VersionedItem } from './messages.js';
export { type NodePlatformOptions, nodePlatform } from './node-platform.js';
export type { BootstrapData, SwitchboardOptions } from './options.js';
export type {
  Clock,
  HttpFetch,
  HttpResponse,
  Platform,
  RandomSource,
  TimerHandle,
  Timers,
  WebSocketCloseInfo,
  WebSocketFactory,
  WebSocketHandlers,
  WebSocketLike,
} from './platform.js';
export { TestData, TestFlagBuilder, TestRuleBuilder, type TestVariation } from './test-data.js';
