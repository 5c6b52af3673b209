import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../testing/client.js';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, patchMessage, segment, segmentFlag, user } from '../testing/flags.js';
import { observedSocket } from '../testing/observed-socket.js';
import { nextEvent, waitFor } from '../testing/wait.js';
import type { SwitchboardClient } from './index.js';

const alice = user('alice');

describe('SwitchboardClient sync', () => {
  let service: FakeService;
  let client: SwitchboardClient;

  beforeEach(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('beta', 1, true));
    service.putFlag(booleanFlag('marker', 1, true));
  });

  afterEach(async () => {
    await client?.close();
    await service.stop();
  });

  /** Pushes a marker patch and waits for it: every message pushed before it has been handled. */
  async function flush(version: number): Promise<void> {
    const seen = new Promise<void>((resolve) => {
      client.on('update', ({ key }) => {
        if (key === 'marker') resolve();
      });
    });
    service.push(patchMessage(booleanFlag('marker', version, true)));
    await seen;
  }

  describe('initial sync', () => {
    it('fetches the snapshot with the SDK key and gzip, and evaluates it', async () => {
      client = testClient(service);
      const ready = nextEvent(client, 'ready');
      await client.waitForInitialization({ timeout: 5 });
      await ready;
      expect(client.getStatus()).toBe('valid');
      expect(client.boolVariation('beta', alice, false)).toBe(true);
      const [request] = service.snapshotRequests;
      expect(request?.headers.authorization).toBe(service.sdkKey);
      expect(request?.headers['accept-encoding']).toContain('gzip');
      expect(request?.headers['if-none-match']).toBeUndefined();
      expect(service.openConnections).toBe(1);
    });

    it('opens the socket before fetching the snapshot, and applies patches that arrive in between', async () => {
      const release = service.holdSnapshots();
      const frames: string[] = [];
      client = testClient(service, { platform: { openWebSocket: observedSocket(frames) } });
      await waitFor(() => service.heldSnapshots === 1);
      expect(service.openConnections).toBe(1);
      service.push(patchMessage(booleanFlag('beta', 2, false)));
      service.push(patchMessage(booleanFlag('marker', 1, false)));
      await waitFor(() => frames.length === 2);
      expect(client.variationDetail('beta', alice, 'default').reason).toEqual({
        kind: 'ERROR',
        errorKind: 'CLIENT_NOT_READY',
      });
      release();
      await client.waitForInitialization({ timeout: 5 });
      expect(client.boolVariation('beta', alice, true)).toBe(false);
      // The buffered v1 of `marker` is not newer than the snapshot's v1.
      expect(client.boolVariation('marker', alice, false)).toBe(true);
    });
  });

  describe('live changes', () => {
    beforeEach(async () => {
      client = testClient(service);
      await client.waitForInitialization({ timeout: 5 });
    });

    it('applies a patch and emits update', async () => {
      const update = nextEvent(client, 'update');
      service.push(patchMessage(booleanFlag('beta', 2, false)));
      expect(await update).toEqual([{ kind: 'flag', key: 'beta' }]);
      expect(client.boolVariation('beta', alice, true)).toBe(false);
    });

    it('keeps a tombstone for a delete, so a late older patch cannot bring the flag back', async () => {
      const update = nextEvent(client, 'update');
      service.push({ type: 'delete', kind: 'flag', key: 'beta', version: 3 });
      expect(await update).toEqual([{ kind: 'flag', key: 'beta' }]);
      service.push(patchMessage(booleanFlag('beta', 2, true)));
      await flush(2);
      expect(client.variationDetail('beta', alice, 'default')).toEqual({
        value: 'default',
        variationIndex: null,
        reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' },
      });
    });

    it('ignores out-of-order and duplicate versions', async () => {
      const updates: string[] = [];
      client.on('update', ({ key }) => updates.push(key));
      service.push(patchMessage(booleanFlag('beta', 3, false)));
      service.push(patchMessage(booleanFlag('beta', 2, true)));
      service.push(patchMessage(booleanFlag('beta', 3, true)));
      await flush(2);
      expect(updates).toEqual(['beta', 'marker']);
      expect(client.boolVariation('beta', alice, true)).toBe(false);
    });

    it('ignores malformed and unknown messages', async () => {
      service.push({ type: 'values', values: {} });
      service.push({ type: 'patch', kind: 'flag', key: 'beta' });
      await flush(2);
      expect(client.getStatus()).toBe('valid');
      expect(client.boolVariation('beta', alice, false)).toBe(true);
    });

    it('announces flags that depend on a changed segment', async () => {
      const updates: string[] = [];
      client.on('update', ({ kind, key }) => updates.push(`${kind}:${key}`));
      service.push(patchMessage(segmentFlag('staff-only', 1, 'staff')));
      service.push(patchMessage(segment('staff', 1, ['alice']), 'segment'));
      await flush(2);
      expect(updates).toEqual(['flag:staff-only', 'segment:staff', 'flag:staff-only', 'flag:marker']);
      expect(client.boolVariation('staff-only', alice, false)).toBe(true);
    });

    it('refetches the snapshot when told to, sending the ETag it holds', async () => {
      service.putFlag(booleanFlag('beta', 5, false));
      const update = nextEvent(client, 'update');
      service.push({ type: 'refetch' });
      expect(await update).toEqual([{ kind: 'flag', key: 'beta' }]);
      expect(client.boolVariation('beta', alice, true)).toBe(false);
      const second = service.snapshotRequests[1];
      expect(second?.headers['if-none-match']).toBe('"rev-2"');
      expect(second?.status).toBe(200);
    });

    it('keeps the store when a refetch answers 304', async () => {
      service.push(patchMessage(booleanFlag('beta', 2, false)));
      await flush(2);
      service.push({ type: 'refetch' });
      await waitFor(() => service.snapshotRequests.length === 2);
      await flush(3);
      expect(service.snapshotRequests[1]?.status).toBe(304);
      expect(client.boolVariation('beta', alice, true)).toBe(false);
      expect(client.getStatus()).toBe('valid');
    });
  });
});
