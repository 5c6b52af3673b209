import type { FunctionName } from '@switchboard/topology';

/** Issue #14's targets for every function: its minified bundle (AWS SDK and Powertools external) and its cold start. */
export const BUNDLE_TARGET_BYTES = 100 * 1024;
/** Import + first invocation, over what importing the runtime's DynamoDB client alone takes (`floor`). */
export const COLD_TARGET_MS = 100;

/**
 * The most each function's bundle may weigh; `test/cdk/delivery-bundles.test.ts` fails above it.
 * The target for the functions that meet it; for those that do not yet, their weight when the budget
 * was set (`npm run bench:bundles`) with a few KB of room, to lower as they shrink.
 */
export const bundleBudgets: Readonly<Record<FunctionName, number>> = {
  'api-admin': 150 * 1024,
  'api-authoring': 167 * 1024,
  'api-insights': 152 * 1024,
  'api-evaluate': 111 * 1024,
  sdk: 108 * 1024,
  ingest: 113 * 1024,
  'ws-connect': BUNDLE_TARGET_BYTES,
  'ws-disconnect': BUNDLE_TARGET_BYTES,
  'ws-message': BUNDLE_TARGET_BYTES,
  fanout: BUNDLE_TARGET_BYTES,
  'fanout-worker': BUNDLE_TARGET_BYTES,
  aggregator: BUNDLE_TARGET_BYTES,
  revoker: BUNDLE_TARGET_BYTES,
  'key-expiry': BUNDLE_TARGET_BYTES,
};
