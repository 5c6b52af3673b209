import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sharedDocumentClient } from './adapters/dynamodb/client.js';
import type { Clock } from './services/ports.js';

/**
 * What every composition root (`container.ts`, `delivery-container.ts`, `analytics-container.ts`)
 * accepts: tests and the local runtime hand in their own client or clock; Lambda takes the defaults.
 */
export interface WiringOptions {
  /** @default one document client per container, configured by the AWS SDK's environment */
  readonly client?: DynamoDBDocumentClient;
  /** @default the system clock */
  readonly clock?: Clock;
}

const systemClock: Clock = { now: () => new Date() };

/** The clock of every function: the one passed in, else the system's. */
export const clockOf = (options: WiringOptions): Clock => options.clock ?? systemClock;

/** The DynamoDB document client: the one passed in, else the container's shared one. */
export const documentClientOf = (options: WiringOptions): DynamoDBDocumentClient =>
  options.client ?? sharedDocumentClient();

/**
 * How every handler holds what it is built from: nothing happens at import (a cold start pays only
 * for what the first invocation uses), and each container builds its dependencies once.
 *
 * @example
 * ```ts
 * export function createKeyExpiryHandler(options: KeyExpiryOptions = {}) {
 *   const service = lazy(() => keyExpiryContainer(options));
 *   return async () => ({ expired: await service().sweep() });
 * }
 * ```
 */
export function lazy<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
