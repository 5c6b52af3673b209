import type { FunctionName } from './functions.js';

/**
 * A function run on a fixed rate. The CDK stack turns it into an EventBridge rule; the local runtime
 * runs the same function on the same rate (or a faster one it is given, for tests).
 */
export interface ScheduleDeclaration {
  readonly function: FunctionName;
  /** Minutes between runs; EventBridge's finest rate is one minute. */
  readonly rateMinutes: number;
  readonly description: string;
}

export const schedules: readonly ScheduleDeclaration[] = [
  {
    function: 'key-expiry',
    rateMinutes: 1,
    description: 'Ends SDK key rotation overlaps: deletes the keys whose expiresAt has passed',
  },
];
