export type { Bootstrap } from './bootstrap.js';
export {
  type EvaluationDetail,
  type FlagChanges,
  initialize,
  SwitchboardClient,
  type SwitchboardContext,
} from './client.js';
export { SwitchboardError } from './errors.js';
export { basicLogger, type Logger, type LogLevel } from './logger.js';
export type { SwitchboardOptions } from './options.js';
export {
  type BrowserPlatform,
  browserPlatform,
  type EventTargetLike,
  type ResponseLike,
  type StorageLike,
  type WebSocketLike,
} from './platform.js';
export type { StreamConfig } from './stream.js';
export type { EvaluationReason, FlagResult } from './values.js';
