import type { Context } from 'hono';
import * as z from 'zod/mini';
import { contextSchema, evaluateResponseSchema, snapshotSchema } from '../domain/schemas.js';
import { ForbiddenError } from '../errors.js';
import type { Principal } from '../services/auth-service.js';
import type { EvaluationService } from '../services/evaluation-service.js';
import type { EnvironmentGeneration } from '../services/ports.js';
import { parseRequestContext } from '../services/request-context.js';
import type { SecureModeService } from '../services/secure-mode-service.js';
import type { EnvironmentSnapshot, SnapshotCache } from '../services/snapshot-cache.js';
import { encodeOnce, negotiateEncoding } from './compression.js';
import { type RouteTable, routesOf } from './route-table.js';

export interface SdkServices {
  readonly snapshots: Pick<SnapshotCache, 'get'>;
  readonly evaluation: EvaluationService;
  readonly secureMode: Pick<SecureModeService, 'check'>;
}

const evaluateQuerySchema = z.object({
  h: z.optional(
    z
      .string()
      .check(
        z.describe(
          "Secure mode: the context's hash made by your server (see docs/delivery.md, Browser delivery)",
        ),
      ),
  ),
});

/** The credential's environment, this incarnation of it (so no snapshot of a deleted one is served). */
function environmentOf(principal: Principal): EnvironmentGeneration {
  if (principal.kind !== 'sdkKey' && principal.kind !== 'clientSideId') {
    throw new ForbiddenError('SDK routes need an SDK key or a client-side id');
  }
  const { project, env, generation } = principal;
  return { project, env, ...(generation === undefined ? {} : { generation }) };
}

/** `If-None-Match` may list several tags, weak or strong, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function snapshotResponse(c: Context, snapshot: EnvironmentSnapshot): Response {
  const headers: Record<string, string> = {
    etag: snapshot.etag,
    'cache-control': 'no-cache',
    vary: 'Accept-Encoding',
  };
  if (matchesEtag(c.req.header('if-none-match'), snapshot.etag))
    return new Response(null, { status: 304, headers });
  const encoding = negotiateEncoding(c.req.header('accept-encoding'));
  const body = encodeOnce(snapshot, snapshot.json, encoding);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return new Response(body, { status: 200, headers: { ...headers, 'content-type': 'application/json' } });
}

const on = routesOf<SdkServices>();

/** Implementations of the `sdk` function's routes, keyed by the topology's route keys. */
export const sdkRoutes: RouteTable<SdkServices> = {
  ...on('GET /sdk/v1/flags', {
    response: snapshotSchema,
    handle: async ({ services, principal, context }) =>
      snapshotResponse(context, await services.snapshots.get(environmentOf(principal))),
  }),
  ...on('POST /sdk/v1/evaluate/{clientSideId}', {
    body: contextSchema,
    query: evaluateQuerySchema,
    response: evaluateResponseSchema,
    handle: async ({ services, principal, body, query }) => {
      const environment = environmentOf(principal);
      const verdict = await services.secureMode.check(environment, body, query.h);
      if (verdict === 'hash_required') {
        throw new ForbiddenError('This environment is in secure mode: pass the context hash as ?h=');
      }
      if (verdict === 'invalid_hash') throw new ForbiddenError('?h= does not match this context');
      return services.evaluation.evaluateAll(environment, parseRequestContext(body), {
        clientSideOnly: true,
      });
    },
  }),
};
