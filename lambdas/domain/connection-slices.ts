/**
 * Where a WebSocket connection lives in the connections table (see `@switchboard/topology`'s
 * tables.ts): one environment's connections are spread over a fixed number of slices, so fan-out can
 * read them in parallel and hand slices to workers. Pure; no AWS in here.
 */

/**
 * Slices per environment. Part of the table layout: readers query exactly these partitions, so
 * changing it strands the connections registered under the old count until they reconnect (at most
 * the gateway's 2 hours).
 */
export const CONNECTION_SLICES = 16;

/** API Gateway closes every WebSocket after 2 hours; registrations expire just past that. */
export const MAX_CONNECTION_SECONDS = 2 * 60 * 60;
export const CONNECTION_TTL_SLACK_SECONDS = 5 * 60;

/** 32-bit FNV-1a of a string's UTF-16 code units: stable, fast and spread well enough for ids. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The slice a connection belongs to: hash(connectionId) mod `slices`. */
export const sliceOf = (connectionId: string, slices = CONNECTION_SLICES): number =>
  fnv1a(connectionId) % slices;

/** Every slice number of an environment, `0 … slices-1`. */
export const allSlices = (slices = CONNECTION_SLICES): number[] =>
  Array.from({ length: slices }, (_, i) => i);

/** Epoch seconds after which DynamoDB may expire a registration made at `connectedAtMs`. */
export const connectionExpiry = (connectedAtMs: number): number =>
  Math.floor(connectedAtMs / 1000) + MAX_CONNECTION_SECONDS + CONNECTION_TTL_SLACK_SECONDS;
