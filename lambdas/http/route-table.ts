import type * as v from 'valibot';
import type { Principal } from '../services/auth-service.js';
import type { RawResponse } from './response.js';

/**
 * How a route reads its body or query: `parse` validates (throwing a `ValidationError` that names
 * the field, under `field` when given) and `schema`, where there is one, documents it in the OpenAPI
 * document. `validated(schema)` makes one from a zod schema; a route whose input needs no schema
 * library (the SDK's evaluate) brings its own parser and documents it in `openapi-requests.ts`.
 */
export interface Parser<T> {
  readonly schema?: v.GenericSchema;
  readonly parse: (json: unknown, field?: string) => T;
}

/** The names in a route key's path template: `GET /projects/{project}/flags/{flag}` → `project | flag`. */
type ParamNames<K extends string> = K extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/**
 * A route's path parameters, typed from its key's path template, so a handler cannot read a
 * parameter its path does not have.
 *
 * @example
 * ```ts
 * type P = PathParams<'PATCH /api/v1/projects/{project}/flags/{flag}'>; // { project: string; flag: string }
 * ```
 */
export type PathParams<K extends string> = { readonly [Name in ParamNames<K>]: string };

/** What a route's handler receives: validated input, the caller, and the services. */
export interface RouteInput<S, B, Q, P = PathParams<string>> {
  readonly services: S;
  readonly params: P;
  readonly body: B;
  readonly query: Q;
  readonly principal: Principal;
  readonly ifMatch: number | undefined;
  /** A request header, by case-insensitive name. */
  readonly header: (name: string) => string | undefined;
}

/**
 * The implementation of one route declared in `@switchboard/topology`. Method, path and auth come
 * from the topology; this adds the schemas that validate the input and the handler (response schemas, which only
 * document, are in `openapi-responses.ts`, out of the bundles).
 */
export interface RouteDefinition<S, B = unknown, Q = unknown, P = PathParams<string>> {
  /** The body's parser (PATCH bodies: JSON Patch or instructions, told apart by shape). */
  readonly body?: Parser<B>;
  /** The query's parser, given each parameter as one string. */
  readonly query?: Parser<Q>;
  /** @default 200 */
  readonly status?: 200 | 201 | 202 | 204;
  /**
   * The handler honours `If-Match: <version>` (a versioned resource's PATCH or DELETE): the OpenAPI
   * document declares the header and its 409. Every route's handler receives `ifMatch`; this says
   * that it acts on it.
   */
  readonly ifMatch?: true;
  /** Returns the JSON body, or a {@link RawResponse} when it needs headers or encodings of its own. */
  readonly handle: (input: RouteInput<S, B, Q, P>) => Promise<unknown | RawResponse>;
}

/** Route implementations keyed by API Gateway route key (`GET /api/v1/projects`). */
// biome-ignore lint/suspicious/noExplicitAny: one table holds routes of different body and query types; each is checked by `route()`
export type RouteTable<S> = Readonly<Record<string, RouteDefinition<S, any, any, any>>>;

/**
 * Keeps each definition's body and query types tied to its handler, for a definition that reads no
 * path parameter (and so may serve several paths).
 */
export const route = <S, B = undefined, Q = undefined>(
  definition: RouteDefinition<S, B, Q, PathParams<''>>,
): RouteDefinition<S, B, Q, PathParams<''>> => definition;

/**
 * Returns `on(key, definition)`, which makes one entry of a route table: the handler's `params` are
 * typed from `key`'s path template, its body and query types follow its schemas.
 *
 * @example
 * ```ts
 * const on = routesOf<ApiServices>();
 * export const apiRoutes: RouteTable<ApiServices> = {
 *   ...on('GET /api/v1/projects/{project}', {
 *     handle: ({ services, params }) => services.projects.get(params.project),
 *   }),
 * };
 * ```
 */
export const routesOf =
  <S>() =>
  <K extends string, B = undefined, Q = undefined>(
    key: K,
    definition: RouteDefinition<S, B, Q, PathParams<K>>,
  ): Readonly<Record<K, RouteDefinition<S, B, Q, PathParams<K>>>> =>
    ({ [key]: definition }) as Record<K, RouteDefinition<S, B, Q, PathParams<K>>>;
