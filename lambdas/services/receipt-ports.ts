import type { ChangeAcks } from '../domain/receipt-fold.js';
import type { DeliveredChange, ReceiptSettings } from '../domain/receipts.js';
import type { StreamPosition } from './analytics-ports.js';
import type { EnvironmentLocator } from './ports.js';

/** What the aggregator writes of delivery receipts. */
export interface ReceiptWriter {
  /**
   * Adds a change's acks from the records its receipt has not seen yet, and moves the receipt's
   * per-shard watermark, in one conditional write (as evaluation counters do). Returns whether
   * anything was added.
   */
  addAcks(change: ChangeAcks, position: StreamPosition): Promise<boolean>;
}

/**
 * What fan-out writes: how many connections one part of a delivery (a slice, a page of it, a retry)
 * posted each change to. Setting, not adding, so a retried part overwrites its own count.
 */
export interface ReceiptRecorder {
  /**
   * Records changes' exact commit times (the fast path's), overwriting any time recorded before: a
   * deletion's stream record carries whole seconds only, so the stream's fan-out reads them here.
   */
  recordCommitted(locator: EnvironmentLocator, changes: readonly DeliveredChange[]): Promise<void>;
  /** The recorded commit times of some flag changes, by `${key}#${version}`; absent when none. */
  committedTimes(
    locator: EnvironmentLocator,
    changes: readonly { readonly key: string; readonly version: number }[],
  ): Promise<Map<string, number>>;
  recordConnected(
    locator: EnvironmentLocator,
    part: string,
    delivered: readonly { readonly change: DeliveredChange; readonly connected: number }[],
  ): Promise<void>;
}

/** One change's receipt as stored. */
export interface StoredReceipt {
  readonly version: number;
  /** Sum of every delivery part's connection count. */
  readonly connected: number;
  readonly acks: number;
  readonly histogram: readonly number[];
  readonly sampleRate?: number | undefined;
  readonly committedAt?: number | undefined;
}

/** What the deliveries route reads. */
export interface ReceiptReader {
  /**
   * A flag's latest receipts up to version `upTo`, newest version first. Acks name their version
   * themselves, so receipts of versions the flag never reached exist too (any client-side id can
   * send an ack); `upTo` leaves them out.
   */
  latest(locator: EnvironmentLocator, flag: string, upTo: number, limit: number): Promise<StoredReceipt[]>;
}

/**
 * How long fan-out and `$default` keep an environment's receipt settings: an opt-in takes effect
 * within it, and acks for frames sent just before an opt-out still count.
 */
export const RECEIPT_SETTINGS_TTL_MS = 1_000;

/** Reads an environment's receipt settings (undefined: not opted in, or no such environment). */
export type ReceiptSettingsSource = (locator: EnvironmentLocator) => Promise<ReceiptSettings | undefined>;
