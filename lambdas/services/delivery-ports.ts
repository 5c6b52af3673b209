import type { ClientBatch } from '../domain/client-delivery.js';
import type { ConnectionCredential } from '../domain/connection-access.js';
import type { ItemChange } from '../domain/delivery.js';
import type { ChangeMarks } from '../domain/posted-marks.js';
import type { EnvironmentLocator } from './ports.js';

/**
 * What the WebSocket and delivery services need from the outside world, in domain terms. The
 * adapters (`adapters/dynamodb/connection-store.ts`, `adapters/apigateway/`, `adapters/lambda/`)
 * implement them on AWS; tests hand in fakes.
 */

/** Who a connection belongs to: a server SDK (by SDK key) or a browser (by client-side id). */
export type SdkKind = 'server' | 'client';

export interface ConnectionRegistration extends EnvironmentLocator, ConnectionCredential {
  readonly connectionId: string;
  readonly sdk: SdkKind;
  /** Epoch milliseconds, from API Gateway's `requestContext.connectedAt`. */
  readonly connectedAt: number;
}

/** What a browser connection's last accepted `identify` stored. */
export interface ConnectionIdentity {
  /** The context, as the JSON text the browser sent. */
  readonly context: string;
  /** The identify's `id`, which every `values` message evaluated for this context carries. */
  readonly id: number;
  /** Epoch ms when it was stored. */
  readonly at: number;
  /**
   * Digest of the values the browser holds (`answerDigest`): its identify's answer, updated after
   * every push; absent until the answer is recorded.
   */
  readonly answer?: Readonly<Record<string, string>> | undefined;
}

/** A connection as fan-out reads it from a slice. */
export interface SliceConnection extends ConnectionCredential {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly sdk: SdkKind;
  /** A client connection's stored context; absent until its first accepted identify. */
  readonly identity?: ConnectionIdentity | undefined;
}

/** Where a connection is registered, as `$default` finds it from its id. */
export interface ConnectionRecord extends EnvironmentLocator, ConnectionCredential {
  readonly slice: number;
  readonly sdk: SdkKind;
}

/** The outcome of storing an identity: stored, a newer identify already stored, or no such connection. */
export type IdentifyOutcome = 'stored' | 'superseded' | 'gone';

export interface SlicePage {
  readonly connections: readonly SliceConnection[];
  /** Present while more connections follow: the id to continue after. */
  readonly next?: string | undefined;
}

export interface ConnectionStore {
  /** Registers a connection in its slice, with the back-pointer `$disconnect` uses. */
  register(connection: ConnectionRegistration): Promise<void>;
  /** Removes a connection and its back-pointer; a no-op for an unknown id. */
  unregister(connectionId: string): Promise<void>;
  /** Where a connection is registered; undefined for an unknown id. */
  find(connectionId: string): Promise<ConnectionRecord | undefined>;
  /**
   * Stores a client connection's identity unless one with a higher `id` is already stored (two
   * identifies of one socket may be handled out of order); never re-creates a removed connection.
   */
  identify(
    connection: ConnectionRecord & { readonly connectionId: string },
    identity: ConnectionIdentity,
  ): Promise<IdentifyOutcome>;
  /**
   * Records the digest of what a browser holds (after its identify's answer, or a push), if the
   * identify `id` is still the stored one.
   */
  answered(
    connection: ConnectionRecord & { readonly connectionId: string },
    id: number,
    answer: Readonly<Record<string, string>>,
  ): Promise<void>;
  /** The listed connections of a slice that are still registered, in no particular order. */
  listConnections(
    locator: EnvironmentLocator,
    slice: number,
    connectionIds: readonly string[],
  ): Promise<SliceConnection[]>;
  /** One page of a slice's connections, in connection id order. */
  listSlice(
    locator: EnvironmentLocator,
    slice: number,
    page: { readonly limit?: number | undefined; readonly startAfter?: string | undefined },
  ): Promise<SlicePage>;
  /**
   * Removes a connection the gateway no longer knows, unless it was registered at or after
   * `registeredBefore` (a connection still in its `$connect` is unknown to the gateway too).
   * Returns whether it was removed.
   */
  removeGone(
    locator: EnvironmentLocator,
    slice: number,
    connectionId: string,
    registeredBefore: number,
  ): Promise<boolean>;
}

/** The result of one post: delivered, or the gateway no longer knows the connection (410). */
export type PostOutcome = 'sent' | 'gone';

/** Posts frames to connections (`@connections` on API Gateway). Throws on anything but 2xx and 410. */
export interface Broadcaster {
  post(connectionId: string, frame: string): Promise<PostOutcome>;
}

/**
 * Closes connections (`DeleteConnection` on API Gateway, which then runs `$disconnect`): `'gone'`
 * when the gateway no longer knows the connection. Throws on anything else.
 */
export interface ConnectionCloser {
  close(connectionId: string): Promise<'closed' | 'gone'>;
}

/** One environment's frames for the connections of one slice, from `startAfter` on. */
export interface SliceTask extends EnvironmentLocator {
  readonly slice: number;
  readonly startAfter?: string | undefined;
  /** Protocol v1 frames for server connections. */
  readonly frames: readonly string[];
  /** The batch for client connections (absent in tasks dispatched before browser delivery). */
  readonly client?: ClientBatch | undefined;
  /** A retry: only these connections of the slice (their posts failed), not the whole slice. */
  readonly connections?: readonly string[] | undefined;
  /** Which retry of `connections` this is, from 1. */
  readonly attempt?: number | undefined;
  /**
   * Server connections registered before this (epoch ms) got `frames` from the fast path (its
   * posted marks): the worker skips them, and counts them as reached.
   */
  readonly serversBefore?: number | undefined;
}

/** Hands slice tasks to worker invocations (asynchronous Lambda `Invoke` on AWS). */
export interface WorkerDispatcher {
  dispatch(task: SliceTask): Promise<void>;
}

/**
 * The fast path's record of its posts, which the stream's fan-out reads to skip posting a change
 * again to the server connections the fast path reached (`domain/posted-marks.ts`).
 */
export interface PostedMarks {
  /**
   * Records that this invocation is posting `changes` to every server connection of `slices`, and
   * leaves the `declined` ones to the stream.
   */
  posting(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
    slices: readonly number[],
    declined: readonly number[],
  ): Promise<void>;
  /**
   * Records that `posted` slices (slice → when the fast path began reading it) got `changes`, and
   * that the `settled` ones (a superset) are no longer being posted: those not posted (a failed
   * post) are declined.
   */
  settle(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
    posted: ReadonlyMap<number, number>,
    settled: readonly number[],
  ): Promise<void>;
  /** The marks of `changes`, by `markKey`; a change without marks is absent. */
  read(locator: EnvironmentLocator, changes: readonly ItemChange[]): Promise<Map<string, ChangeMarks>>;
}

/**
 * The write path's side of the marks: that it handed changes to the fast path, written beside the
 * `Invoke`s so that the stream waits for the fast path's marks rather than posting before them.
 */
export interface HandoffMarks {
  /** Records that `changes` were handed to the fast path. */
  handedOff(changes: readonly ItemChange[]): Promise<void>;
  /** Takes that back: the hand-off failed, so the stream must not wait for the fast path. */
  withdrawn(changes: readonly ItemChange[]): Promise<void>;
}
