import { ForbiddenError } from '../errors.js';
import type { Principal } from '../services/auth-service.js';
import type { EvaluationService } from '../services/evaluation-service.js';
import type { EnvironmentGeneration } from '../services/ports.js';
import { parseRequestContext } from '../services/request-context.js';
import type { SecureModeService } from '../services/secure-mode-service.js';
import type { EnvironmentSnapshot, SnapshotCache } from '../services/snapshot-cache.js';
import { encodeOnce, negotiateEncoding } from './compression.js';
import { contextBody } from './context-body-parser.js';
import { RawResponse } from './response.js';
import { type Parser, type RouteTable, routesOf } from './route-table.js';

export interface SdkServices {
  readonly snapshots: Pick<SnapshotCache, 'get'>;
  readonly evaluation: EvaluationService;
  readonly secureMode: Pick<SecureModeService, 'check'>;
}

/*
 * The evaluate route's input is read without a schema library, so that the function loads none;
 * `openapi-requests.ts` documents it.
 */

const evaluateQuery: Parser<{ readonly h?: string | undefined }> = {
  parse: (json) => ({ h: (json as Record<string, string | undefined>).h }),
};

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

function snapshotResponse(header: (name: string) => string | undefined, snapshot: EnvironmentSnapshot) {
  const headers: Record<string, string> = {
    etag: snapshot.etag,
    'cache-control': 'no-cache',
    vary: 'Accept-Encoding',
  };
  if (matchesEtag(header('if-none-match'), snapshot.etag)) return new RawResponse(304, headers);
  const encoding = negotiateEncoding(header('accept-encoding'));
  const body = encodeOnce(snapshot, snapshot.json, encoding);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return new RawResponse(200, { ...headers, 'content-type': 'application/json' }, body);
}

const on = routesOf<SdkServices>();

/** Implementations of the `sdk` function's routes, keyed by the topology's route keys. */
export const sdkRoutes: RouteTable<SdkServices> = {
  ...on('GET /sdk/v1/flags', {
    handle: async ({ services, principal, header }) =>
      snapshotResponse(header, await services.snapshots.get(environmentOf(principal))),
  }),
  ...on('POST /sdk/v1/evaluate/{clientSideId}', {
    body: contextBody,
    query: evaluateQuery,
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
