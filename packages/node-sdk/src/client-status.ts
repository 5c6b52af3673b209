/**
 * Where a client stands:
 * - `initializing`: no sync has completed yet (bootstrap data, if any, is being evaluated);
 * - `valid`: synced and connected, values are current;
 * - `stale`: the connection dropped; the last-known values are evaluated while it reconnects;
 * - `offline`: no network activity: `offline: true`, or the service rejected the SDK key;
 * - `closed`: `close()` was called.
 */
export type ClientStatus = 'initializing' | 'valid' | 'stale' | 'offline' | 'closed';
