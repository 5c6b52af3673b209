import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-schema.js';

export type { components, paths };
export type ApiClient = Client<paths>;
export type ErrorBody = components['schemas']['Error'];

/** A non-2xx answer of the API, with the parsed error body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** Whether `error` is the API's 404: what was asked for does not exist (or no longer does). */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

/**
 * No answer at all: the request failed before a response (the API is down, the network is off, or
 * CORS refused it). Browsers say only "Failed to fetch", which names neither the API nor the cause.
 */
export class ApiUnreachableError extends Error {
  constructor(cause: TypeError) {
    super(`The API cannot be reached (${cause.message})`, { cause });
    this.name = 'ApiUnreachableError';
  }
}

export interface ApiClientOptions {
  /** `''` for the app's own origin. */
  readonly baseUrl: string;
  /** The API token of the session, read on every request so sign-in and sign-out take effect at once. */
  readonly token: () => string | undefined;
  /**
   * Told about 401 and 403 answers, with the API's message (why, such as an expiry), so the app can
   * show the sign-in or "not allowed" page.
   */
  readonly onAuthError?: (status: 401 | 403, message: string | undefined) => void;
  readonly fetch?: typeof fetch;
}

/**
 * The typed HTTP API client: paths, parameters and bodies come from the OpenAPI document.
 *
 * @example
 * const api = createApiClient({ baseUrl: '', token: () => sessionStorage.getItem('token') ?? undefined });
 * const { data } = await api.GET('/api/v1/projects/{project}/flags', { params: { path: { project: 'web' } } });
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.token();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.status !== 401 && response.status !== 403) return response;
      const body = (await response
        .clone()
        .json()
        .catch(() => undefined)) as Partial<ErrorBody> | undefined;
      options.onAuthError?.(response.status, body?.error?.message);
      return response;
    },
    // fetch rejects with a TypeError when nothing answered; a cancelled query's AbortError stays as it is.
    onError: ({ error }) => (error instanceof TypeError ? new ApiUnreachableError(error) : undefined),
  };
  client.use(auth);
  return client;
}

/**
 * Unwraps an openapi-fetch result: the data, or an {@link ApiError} thrown for TanStack Query.
 *
 * @example
 * const flags = unwrap(await api.GET('/api/v1/projects/{project}/flags', { params }));
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new ApiError(result.response.status, result.error as ErrorBody | undefined);
  return result.data as T;
}
