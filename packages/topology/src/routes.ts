import type { CorsPolicy } from './cors.js';
import type { FunctionName } from './functions.js';
import type { ThrottleClass } from './throttles.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Role = 'reader' | 'writer' | 'admin';

/**
 * Who may call a route: an API token of at least `role`, a server-side SDK key, a client-side id
 * (in the path), or anyone.
 *
 * An API token holds either a global role or a role per project. On a route with `{project}` in its
 * path, the token's role in that project counts; other routes need a global role, unless `anyScope`:
 * then a project-scoped token's highest role counts too, and the handler narrows what it returns.
 */
export type RouteAuth =
  | { readonly kind: 'apiToken'; readonly role: Role; readonly anyScope?: true }
  | { readonly kind: 'sdkKey' }
  | { readonly kind: 'clientSideId' }
  | { readonly kind: 'public' };

export interface HttpRoute {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/api/v1/projects/{project}`. */
  readonly path: string;
  readonly function: FunctionName;
  readonly auth: RouteAuth;
  readonly summary: string;
  /**
   * Which browser pages may call the route (see `corsPolicyOf`).
   * @default by `auth`: API-token and public routes the dashboard, client-side-id routes any origin,
   * SDK-key routes none
   */
  readonly cors?: CorsPolicy;
  /**
   * Which limits API Gateway applies to the route (see `throttleClassOf`).
   * @default by `auth`: API-token and public routes `management`, SDK-key routes `sdk`,
   * client-side-id routes `clientSide`
   */
  readonly throttle?: ThrottleClass;
}

/** API Gateway's `routeKey` for an HTTP route, as it appears in payload v2 events. */
export const routeKey = (route: { readonly method: string; readonly path: string }): string =>
  `${route.method} ${route.path}`;

const reader: RouteAuth = { kind: 'apiToken', role: 'reader' };
const writer: RouteAuth = { kind: 'apiToken', role: 'writer' };
const admin: RouteAuth = { kind: 'apiToken', role: 'admin' };
/** Any token with at least the reader role somewhere: the handler shows only what it may see. */
const anyScopeReader: RouteAuth = { kind: 'apiToken', role: 'reader', anyScope: true };

const project = '/api/v1/projects/{project}';
const environment = `${project}/environments/{env}`;

export const httpRoutes: readonly HttpRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/openapi.json',
    function: 'api-insights',
    auth: { kind: 'public' },
    summary: 'OpenAPI description',
  },

  {
    method: 'GET',
    path: '/api/v1/projects',
    function: 'api-admin',
    auth: anyScopeReader,
    summary: 'List projects (a project-scoped token sees only its projects)',
  },
  {
    method: 'POST',
    path: '/api/v1/projects',
    function: 'api-admin',
    auth: admin,
    summary: 'Create a project',
  },
  { method: 'GET', path: project, function: 'api-admin', auth: reader, summary: 'Get a project' },
  { method: 'PATCH', path: project, function: 'api-admin', auth: writer, summary: 'Update a project' },
  { method: 'DELETE', path: project, function: 'api-admin', auth: admin, summary: 'Delete a project' },

  {
    method: 'GET',
    path: `${project}/environments`,
    function: 'api-admin',
    auth: reader,
    summary: 'List environments',
  },
  {
    method: 'POST',
    path: `${project}/environments`,
    function: 'api-admin',
    auth: admin,
    summary: 'Create an environment',
  },
  { method: 'GET', path: environment, function: 'api-admin', auth: reader, summary: 'Get an environment' },
  {
    method: 'PATCH',
    path: environment,
    function: 'api-admin',
    auth: writer,
    summary: 'Update an environment',
  },
  {
    method: 'DELETE',
    path: environment,
    function: 'api-admin',
    auth: admin,
    summary: 'Delete an environment',
  },
  {
    method: 'POST',
    path: `${environment}/keys/rotate`,
    function: 'api-admin',
    auth: admin,
    summary: 'Rotate SDK keys',
  },

  { method: 'GET', path: `${project}/flags`, function: 'api-authoring', auth: reader, summary: 'List flags' },
  {
    method: 'POST',
    path: `${project}/flags`,
    function: 'api-authoring',
    auth: writer,
    summary: 'Create a flag',
  },
  {
    method: 'GET',
    path: `${project}/flags/{flag}`,
    function: 'api-authoring',
    auth: reader,
    summary: 'Get a flag',
  },
  {
    method: 'PATCH',
    path: `${project}/flags/{flag}`,
    function: 'api-authoring',
    auth: writer,
    summary: 'Update a flag',
  },
  {
    method: 'DELETE',
    path: `${project}/flags/{flag}`,
    function: 'api-authoring',
    auth: writer,
    summary: 'Delete a flag',
  },
  {
    method: 'POST',
    path: `${project}/flags/{flag}/copy`,
    function: 'api-authoring',
    auth: writer,
    summary: "Copy a flag's settings from one environment to another",
  },

  {
    method: 'GET',
    path: `${environment}/flags/{flag}/insights`,
    function: 'api-insights',
    auth: reader,
    summary: 'Evaluation counts per variation per time bucket',
  },
  {
    method: 'GET',
    path: `${environment}/events`,
    function: 'api-insights',
    auth: reader,
    summary: 'Custom event counts and metric sums per event key per time bucket',
  },
  {
    method: 'GET',
    path: `${environment}/events/{eventKey}`,
    function: 'api-insights',
    auth: reader,
    summary: 'One custom event key: counts and metric sums per time bucket',
  },

  {
    method: 'GET',
    path: `${environment}/segments`,
    function: 'api-authoring',
    auth: reader,
    summary: 'List segments',
  },
  {
    method: 'POST',
    path: `${environment}/segments`,
    function: 'api-authoring',
    auth: writer,
    summary: 'Create a segment',
  },
  {
    method: 'GET',
    path: `${environment}/segments/{segment}`,
    function: 'api-authoring',
    auth: reader,
    summary: 'Get a segment',
  },
  {
    method: 'PATCH',
    path: `${environment}/segments/{segment}`,
    function: 'api-authoring',
    auth: writer,
    summary: 'Update a segment',
  },
  {
    method: 'DELETE',
    path: `${environment}/segments/{segment}`,
    function: 'api-authoring',
    auth: writer,
    summary: 'Delete a segment',
  },

  {
    method: 'GET',
    path: `${project}/audit`,
    function: 'api-insights',
    auth: reader,
    summary: 'Read the audit log',
  },
  {
    method: 'POST',
    path: `${environment}/evaluate`,
    function: 'api-evaluate',
    auth: reader,
    summary: 'Evaluate every flag for a context',
  },

  { method: 'GET', path: '/api/v1/tokens', function: 'api-admin', auth: admin, summary: 'List API tokens' },
  {
    method: 'POST',
    path: '/api/v1/tokens',
    function: 'api-admin',
    auth: admin,
    summary: 'Create an API token',
  },
  {
    method: 'DELETE',
    path: '/api/v1/tokens/{token}',
    function: 'api-admin',
    auth: admin,
    summary: 'Revoke an API token',
  },
  {
    method: 'GET',
    path: '/api/v1/me',
    function: 'api-admin',
    auth: anyScopeReader,
    summary: 'The calling API token: id, name, role or per-project roles, expiry',
  },
  {
    method: 'POST',
    path: '/api/v1/tokens/{token}/rotate',
    function: 'api-admin',
    auth: admin,
    summary: 'Rotate an API token: a new secret, the old one expiring now or after an overlap',
  },
  {
    method: 'GET',
    path: '/api/v1/audit',
    function: 'api-admin',
    auth: admin,
    summary: 'Read the global audit log (API token creation, rotation, revocation)',
  },

  {
    method: 'GET',
    path: '/sdk/v1/flags',
    function: 'sdk',
    auth: { kind: 'sdkKey' },
    summary: 'Flag and segment snapshot for a server SDK',
  },
  {
    method: 'POST',
    path: '/sdk/v1/evaluate/{clientSideId}',
    function: 'sdk',
    auth: { kind: 'clientSideId' },
    summary: 'Evaluate client-side flags for a context',
  },
  {
    method: 'POST',
    path: '/sdk/v1/events',
    function: 'ingest',
    throttle: 'ingest',
    auth: { kind: 'sdkKey' },
    summary: 'Analytics events (summary and custom) from a server SDK',
  },
  {
    method: 'POST',
    path: '/sdk/v1/events/{clientSideId}',
    function: 'ingest',
    throttle: 'ingest',
    auth: { kind: 'clientSideId' },
    summary: 'Analytics events (summary and custom) from a browser, by client-side id',
  },
  {
    method: 'GET',
    path: `${environment}/flags/{flag}/deliveries`,
    function: 'api-insights',
    auth: reader,
    summary: 'Delivery receipts: connections reached, SDKs that applied, latency per change',
  },
];
