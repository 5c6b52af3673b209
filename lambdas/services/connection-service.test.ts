import { describe, expect, it } from 'vitest';
import { MemoryConnectionStore } from '../../test/helpers/delivery-fakes.js';
import { newSdkKey, sha256 } from '../domain/credentials.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { AuthService } from './auth-service.js';
import { ConnectionService } from './connection-service.js';
import type { ControlStore, EntityRef } from './ports.js';

const sdkKey = newSdkKey();
const clientSideId = 'a1b2c3d4e5f6a1b2c3d4e5f6';

function setup() {
  const items: Record<string, unknown> = {
    [`sdkKey:${sha256(sdkKey)}`]: { project: 'p', env: 'production', generation: 'g1' },
    [`clientSideId:${clientSideId}`]: { project: 'p', env: 'staging', generation: 'g2' },
  };
  const get = (async (ref: EntityRef) =>
    items[
      `${ref.kind}:${'hash' in ref ? ref.hash : 'clientSideId' in ref ? ref.clientSideId : ''}`
    ]) as ControlStore['get'];
  const store = new MemoryConnectionStore();
  const service = new ConnectionService(new AuthService({ get }, { now: () => new Date() }), store);
  return { store, service };
}

const request = { connectionId: 'c1=', connectedAt: 1_700_000_000_000 };

describe('ConnectionService', () => {
  it('registers a server SDK connection in the key’s environment', async () => {
    const { store, service } = setup();
    await service.connect({ ...request, key: sdkKey });
    expect(store.connections.get('c1=')).toMatchObject({
      ...request,
      project: 'p',
      env: 'production',
      sdk: 'server',
    });
  });

  it('records the credential each connection used and its environment’s generation', async () => {
    const { store, service } = setup();
    await service.connect({ ...request, key: sdkKey });
    await service.connect({ ...request, connectionId: 'c2=', clientSideId });
    expect(store.connections.get('c1=')).toMatchObject({
      credential: `sdkKey:${sha256(sdkKey).slice(0, 12)}`,
      generation: 'g1',
    });
    expect(store.connections.get('c2=')).toMatchObject({
      credential: `clientSideId:${clientSideId}`,
      generation: 'g2',
    });
  });

  it('registers a browser connection by client-side id', async () => {
    const { store, service } = setup();
    await service.connect({ ...request, clientSideId });
    expect(store.connections.get('c1=')).toMatchObject({ env: 'staging', sdk: 'client' });
  });

  it.each([
    ['no credential', {}, UnauthorizedError],
    ['an unknown SDK key', { key: newSdkKey() }, UnauthorizedError],
    ['a malformed SDK key', { key: 'sdk-short' }, UnauthorizedError],
    ['an API token as key', { key: `sbt_${'a'.repeat(43)}` }, UnauthorizedError],
    ['an unknown client-side id', { clientSideId: 'f'.repeat(24) }, UnauthorizedError],
    ['both credentials', { key: sdkKey, clientSideId }, ForbiddenError],
  ])('refuses %s and registers nothing', async (_name, credentials, error) => {
    const { store, service } = setup();
    await expect(service.connect({ ...request, ...credentials })).rejects.toBeInstanceOf(error);
    expect(store.connections.size).toBe(0);
  });

  it('unregisters on disconnect, and ignores unknown ids', async () => {
    const { store, service } = setup();
    await service.connect({ ...request, key: sdkKey });
    await service.disconnect('c1=');
    await service.disconnect('never-seen=');
    expect(store.connections.size).toBe(0);
  });
});
