import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../testing/client.js';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, patchMessage, user } from '../testing/flags.js';
import { observedSocket } from '../testing/observed-socket.js';
import { countingTimers } from '../testing/timers.js';
import { nextEvent, waitFor } from '../testing/wait.js';
import {
  type ClientStatus,
  fileData,
  init,
  SwitchboardAuthError,
  type SwitchboardClient,
  SwitchboardTimeoutError,
  silentLogger,
  type WebSocketFactory,
} from './index.js';
import { openNodeWebSocket } from './node-platform.js';

const alice = user('alice');

describe('SwitchboardClient connection', () => {
  let service: FakeService;
  let client: SwitchboardClient;
  let statuses: ClientStatus[];

  beforeEach(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('beta', 1, true));
    service.putFlag(booleanFlag('gone', 1, true));
    statuses = [];
  });

  afterEach(async () => {
    await client?.close();
    await service.stop();
  });

  async function connect(options: Parameters<typeof testClient>[1] = {}): Promise<void> {
    client = testClient(service, options);
    client.on('status', (status) => statuses.push(status));
    await client.waitForInitialization({ timeout: 5 });
  }

  describe('when the service drops the socket', () => {
    it('goes stale with last-known values, reconnects, and resyncs what changed while away', async () => {
      await connect();
      service.putFlag(booleanFlag('beta', 2, false));
      service.removeFlag('gone');
      let valueWhileStale: boolean | undefined;
      client.on('status', (status) => {
        if (status === 'stale') valueWhileStale = client.boolVariation('beta', alice, false);
      });
      const updates: string[] = [];
      client.on('update', ({ key }) => updates.push(key));
      service.dropConnections();
      await waitFor(() => statuses.at(-1) === 'valid' && statuses.length === 3);
      expect(statuses).toEqual(['valid', 'stale', 'valid']);
      expect(valueWhileStale).toBe(true);
      expect(client.boolVariation('beta', alice, true)).toBe(false);
      expect(client.variationDetail('gone', alice, null).reason).toEqual({
        kind: 'ERROR',
        errorKind: 'FLAG_NOT_FOUND',
      });
      expect(updates.sort()).toEqual(['beta', 'gone']);
      expect(service.connectionCount).toBe(2);
      expect(service.snapshotRequests[1]?.headers['if-none-match']).toBe('"rev-2"');
    });

    it('keeps retrying with backoff while the snapshot fails, then recovers', async () => {
      await connect();
      const errors: Error[] = [];
      client.on('error', (error) => errors.push(error));
      service.snapshotFailure = 500;
      service.dropConnections();
      await waitFor(() => service.connectionCount >= 4);
      expect(client.getStatus()).toBe('stale');
      expect(client.boolVariation('beta', alice, false)).toBe(true);
      expect(errors.some((error) => /HTTP 500/.test(error.message))).toBe(true);
      service.snapshotFailure = undefined;
      await waitFor(() => client.getStatus() === 'valid');
    });

    it('does not resurrect a flag the snapshot lacks when a newer patch came first', async () => {
      const frames: string[] = [];
      await connect({ platform: { openWebSocket: observedSocket(frames) } });
      service.removeFlag('gone');
      const release = service.holdSnapshots();
      service.dropConnections();
      await waitFor(() => service.heldSnapshots === 1);
      service.push(patchMessage(booleanFlag('gone', 5, false)));
      await waitFor(() => frames.length === 1);
      release();
      await waitFor(() => client.getStatus() === 'valid');
      expect(client.boolVariation('gone', alice, true)).toBe(false);
    });
  });

  it('treats a socket factory that throws as a failed attempt and retries', async () => {
    let attempts = 0;
    const flaky: WebSocketFactory = (url, handlers) => {
      attempts += 1;
      if (attempts === 1) throw new Error('no sockets today');
      return openNodeWebSocket(url, handlers);
    };
    await connect({ platform: { openWebSocket: flaky } });
    expect(attempts).toBe(2);
    expect(client.boolVariation('beta', alice, false)).toBe(true);
  });

  describe('keep-alive', () => {
    it('pings on the interval', async () => {
      await connect({ pingIntervalMs: 20 });
      await waitFor(() => service.received.length >= 2);
      expect(service.received.slice(0, 2)).toEqual([{ action: 'ping' }, { action: 'ping' }]);
      expect(service.connectionCount).toBe(1);
    });

    it('replaces a connection that stops answering pings', async () => {
      await connect({ pingIntervalMs: 20 });
      service.answerPings = false;
      await waitFor(() => service.connectionCount === 2);
    });
  });

  describe('rotation', () => {
    it('replaces the connection before its maximum lifetime without going stale', async () => {
      await connect({ maxConnectionLifetimeMs: 60, connectionLifetimeJitterMs: 0 });
      await waitFor(() => service.connectionCount >= 2 && service.snapshotRequests.length >= 2);
      await waitFor(() => service.openConnections === 1);
      expect(statuses).not.toContain('stale');
      expect(service.snapshotRequests[1]?.status).toBe(304);
    });
  });

  describe('with a rejected SDK key', () => {
    it('fails initialization, goes offline and stops retrying', async () => {
      client = testClient(service, { sdkKey: 'wrong' });
      client.on('status', (status) => statuses.push(status));
      await expect(client.waitForInitialization({ timeout: 5 })).rejects.toBeInstanceOf(SwitchboardAuthError);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(service.refusedCount).toBe(1);
      expect(statuses).toEqual(['offline']);
      expect(client.variationDetail('beta', alice, false).reason).toEqual({
        kind: 'ERROR',
        errorKind: 'CLIENT_NOT_READY',
      });
    });
  });

  describe('waitForInitialization', () => {
    it('times out while the snapshot is held, and resolves later calls once synced', async () => {
      const release = service.holdSnapshots();
      client = testClient(service);
      await expect(client.waitForInitialization({ timeout: 0.05 })).rejects.toBeInstanceOf(
        SwitchboardTimeoutError,
      );
      release();
      await expect(client.waitForInitialization({ timeout: 5 })).resolves.toBe(client);
    });

    it.each([Infinity, 30 * 24 * 3600])(
      'waits without a deadline for a timeout of %d s, longer than a timer counts',
      async (timeout) => {
        const release = service.holdSnapshots();
        client = testClient(service);
        let settled = false;
        const waiting = client.waitForInitialization({ timeout }).finally(() => {
          settled = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(settled).toBe(false);
        release();
        await expect(waiting).resolves.toBe(client);
      },
    );

    it('rejects when the client is closed first', async () => {
      service.holdSnapshots();
      client = testClient(service);
      const waiting = client.waitForInitialization({ timeout: 5 });
      await client.close();
      await expect(waiting).rejects.toThrow(/closed/);
    });
  });

  describe('close', () => {
    it('closes the socket, stops every timer and never reconnects', async () => {
      const timers = countingTimers();
      await connect({ platform: { timers }, pingIntervalMs: 20 });
      expect(timers.pending).toBeGreaterThan(0);
      await client.close();
      expect(client.getStatus()).toBe('closed');
      expect(timers.pending).toBe(0);
      await waitFor(() => service.openConnections === 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(service.connectionCount).toBe(1);
      expect(client.boolVariation('beta', alice, false)).toBe(true);
    });

    it('is final: a failure the data source found just before it is not reported after it', async () => {
      const closing = init({
        sdkKey: 'sdk-key',
        dataSource: fileData({ paths: [join(tmpdir(), 'switchboard-no-such-flags.json')] }),
        logger: silentLogger,
        sendEvents: false,
      });
      const seen: string[] = [];
      for (const event of ['ready', 'failed', 'error', 'status'] as const) {
        closing.on(event, (detail?: unknown) => seen.push(`${event}${detail ? `:${detail}` : ''}`));
      }
      await closing.close();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(closing.getStatus()).toBe('closed');
      expect(seen).toEqual(['status:closed']);
    });

    it('stops a reconnect that is waiting for its backoff', async () => {
      const timers = countingTimers();
      await connect({ platform: { timers }, reconnect: { initialDelayMs: 60_000 }, pingIntervalMs: 60_000 });
      const stale = nextEvent(client, 'status');
      service.dropConnections();
      await stale;
      await client.close();
      expect(timers.pending).toBe(0);
    });
  });
});
