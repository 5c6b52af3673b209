import type { Context } from 'hono';
import type { z } from 'zod/mini';
import type { Principal } from '../services/auth-service.js';

export interface CustomBody<B> {
  readonly schema: z.core.$ZodType;
  readonly parse: (json: unknown) => B;
}

/** What a route's handler receives: validated input, the caller, and the services. */
export interface RouteInput<S, B, Q> {
  readonly services: S;
  readonly params: Readonly<Record<string, string>>;
  readonly body: B;
  readonly query: Q;
  readonly principal: Principal;
  readonly ifMatch: number | undefined;
  readonly context: Context;
}

/**
 * The implementation of one route declared in `@switchboard/topology`. Method, path and auth come
 * from the topology; this adds the schemas (for validation and the OpenAPI document) and the handler.
 */
export interface RouteDefinition<S, B = unknown, Q = unknown> {
  /**
   * The body's schema, or a documented schema with a parser of its own for bodies whose form one
   * schema cannot tell (PATCH: JSON Patch or instructions).
   */
  readonly body?: z.core.$ZodType<B> | CustomBody<B>;
  readonly query?: z.core.$ZodType<Q>;
  /** Success response schema, for the OpenAPI document. */
  readonly response?: z.core.$ZodType;
  /** @default 200 */
  readonly status?: 200 | 201 | 202 | 204;
  /** Returns the JSON body, or a `Response` when it needs headers or encodings of its own. */
  readonly handle: (input: RouteInput<S, B, Q>) => Promise<unknown>;
}

/** Route implementations keyed by API Gateway route key (`GET /api/v1/projects`). */
// biome-ignore lint/suspicious/noExplicitAny: one table holds routes of different body and query types; each is checked by `route()`
export type RouteTable<S> = Readonly<Record<string, RouteDefinition<S, any, any>>>;

/** Keeps each definition's body and query types tied to its handler. */
export const route = <S, B = undefined, Q = undefined>(
  definition: RouteDefinition<S, B, Q>,
): RouteDefinition<S, B, Q> => definition;
