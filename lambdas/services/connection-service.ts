import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { AuthService } from './auth-service.js';
import type { ConnectionStore } from './delivery-ports.js';

/** What `$connect` knows: the query string's credential and API Gateway's connection facts. */
export interface ConnectRequest {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly key?: string | undefined;
  readonly clientSideId?: string | undefined;
}

/**
 * `$connect` and `$disconnect`: a connection is registered only after its SDK key or client-side id
 * checks out against the stored hashes (the same {@link AuthService} as the HTTP SDK routes).
 */
export class ConnectionService {
  constructor(
    private readonly auth: AuthService,
    private readonly store: ConnectionStore,
  ) {}

  /** Throws `UnauthorizedError`/`ForbiddenError` for a credential that does not check out. */
  async connect(request: ConnectRequest): Promise<void> {
    const { key, clientSideId } = request;
    if (key !== undefined && clientSideId !== undefined) {
      throw new ForbiddenError('Connect with either ?key= or ?clientSideId=, not both');
    }
    let principal: Awaited<ReturnType<AuthService['authenticate']>>;
    if (key !== undefined) {
      principal = await this.auth.authenticate({ kind: 'sdkKey' }, { authorization: key });
    } else if (clientSideId !== undefined) {
      principal = await this.auth.authenticate({ kind: 'clientSideId' }, { clientSideId });
    } else {
      throw new UnauthorizedError('Connect with ?key=<server-side SDK key> or ?clientSideId=<id>');
    }
    if (principal.kind !== 'sdkKey' && principal.kind !== 'clientSideId') {
      throw new UnauthorizedError();
    }
    // The credential and generation let revocation find and close this connection later.
    await this.store.register({
      connectionId: request.connectionId,
      connectedAt: request.connectedAt,
      project: principal.project,
      env: principal.env,
      sdk: principal.kind === 'sdkKey' ? 'server' : 'client',
      credential: principal.credential,
      ...(principal.generation === undefined ? {} : { generation: principal.generation }),
    });
  }

  async disconnect(connectionId: string): Promise<void> {
    await this.store.unregister(connectionId);
  }
}
