export { dashboardUrlOf, ensureDashboardBuilt } from './dashboard.js';
export * from './engines/dynamodb.js';
export * from './engines/free-port.js';
export * from './engines/kinesis.js';
export type { EngineName } from './faults/engine-control.js';
export {
  type ConnectionsFault,
  type CrashFault,
  InjectedCrashError,
  type OutgoingRequest,
  requests,
} from './faults/faults.js';
export type { RuntimeFaults } from './faults/runtime-faults.js';
export { createLogger, type Logger, type LogLevel } from './log.js';
export { type Runtime, type RuntimeControls, type RuntimeOptions, startRuntime } from './runtime.js';
export type { LocalJson } from './seed/local-json.js';
export {
  platformTopology,
  type RuntimeEventSource,
  type RuntimeSchedule,
  type RuntimeTopology,
} from './topology.js';
