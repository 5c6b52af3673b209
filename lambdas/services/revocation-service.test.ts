import { describe, expect, it } from 'vitest';
import { MemoryConnectionStore, RecordingCloser } from '../../test/helpers/delivery-fakes.js';
import { accessOf } from '../domain/connection-access.js';
import { RevocationService } from './revocation-service.js';

const production = { project: 'p', env: 'production' };
const staging = { project: 'p', env: 'staging' };
const now = Date.parse('2026-01-01T00:00:00Z');

function setup(listed: { sdkKeys: { id: string; expiresAt?: string }[] } | undefined) {
  const store = new MemoryConnectionStore(4);
  const closer = new RecordingCloser();
  const access = async () =>
    listed && accessOf({ clientSideId: 'c'.repeat(24), generation: 'g2', sdkKeys: listed.sdkKeys });
  const service = new RevocationService(store, closer, access, { slices: 4, now: () => now });
  const register = (connectionId: string, credential: string | undefined, locator = production) =>
    store.add(locator, connectionId, {
      generation: 'g2',
      ...(credential === undefined ? {} : { credential }),
    });
  return { store, closer, service, register };
}

describe('RevocationService', () => {
  it('closes and removes every connection whose credential the environment no longer admits', async () => {
    const { store, closer, service, register } = setup({
      sdkKeys: [{ id: 'new' }, { id: 'ending', expiresAt: '2025-12-31T23:59:59.000Z' }],
    });
    register('kept', 'sdkKey:new');
    register('browser', `clientSideId:${'c'.repeat(24)}`);
    register('rotated', 'sdkKey:old');
    register('expired', 'sdkKey:ending');
    register('other-env', 'sdkKey:old', staging);
    const result = await service.revoke(production);
    expect(closer.closed.sort()).toEqual(['expired', 'rotated']);
    expect([...store.connections.keys()].sort()).toEqual(['browser', 'kept', 'other-env']);
    expect(result).toEqual({ closed: 2, kept: 2 });
  });

  it('closes every connection of a deleted environment, old registrations included', async () => {
    const { store, closer, service, register } = setup(undefined);
    const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);
    for (const id of ids) register(id, 'sdkKey:any');
    register('legacy', undefined);
    await service.revoke(production);
    expect(closer.closed.sort()).toEqual([...ids, 'legacy'].sort());
    expect(store.connections.size).toBe(0);
  });

  it('removes a connection the gateway no longer knows', async () => {
    const { store, closer, service, register } = setup({ sdkKeys: [{ id: 'new' }] });
    register('vanished', 'sdkKey:old');
    closer.gone.add('vanished');
    expect(await service.revoke(production)).toEqual({ closed: 1, kept: 0 });
    expect(store.connections.has('vanished')).toBe(false);
  });
});
