import type { FunctionName } from '@switchboard/topology';

/** Issue #14's targets for every function: its minified bundle (AWS SDK and Powertools external) and its cold start. */
export const BUNDLE_TARGET_BYTES = 100 * 1024;
/** Import + first invocation, over what importing the runtime's DynamoDB client alone takes (`floor`). */
export const COLD_TARGET_MS = 100;

/** Functions that never answer a request or an event, so no caller waits for their cold start. */
export const coldExempt: ReadonlySet<FunctionName> = new Set<FunctionName>(['admin-token-registrar']);

/**
 * The most each function's bundle may weigh; `test/cdk/delivery-bundles.test.ts` fails above it.
 * Every function meets the target; a function that must outgrow it gets its own figure here, with
 * the reason in docs/deploy.md.
 */
export const bundleBudgets: Readonly<Record<FunctionName, number>> = {
  'api-admin': BUNDLE_TARGET_BYTES,
  'api-authoring': BUNDLE_TARGET_BYTES,
  'api-insights': BUNDLE_TARGET_BYTES,
  'api-evaluate': BUNDLE_TARGET_BYTES,
  sdk: BUNDLE_TARGET_BYTES,
  ingest: BUNDLE_TARGET_BYTES,
  'ws-connect': BUNDLE_TARGET_BYTES,
  'ws-disconnect': BUNDLE_TARGET_BYTES,
  'ws-message': BUNDLE_TARGET_BYTES,
  fanout: BUNDLE_TARGET_BYTES,
  'fanout-worker': BUNDLE_TARGET_BYTES,
  aggregator: BUNDLE_TARGET_BYTES,
  revoker: BUNDLE_TARGET_BYTES,
  'key-expiry': BUNDLE_TARGET_BYTES,
  'admin-token-registrar': BUNDLE_TARGET_BYTES,
};
