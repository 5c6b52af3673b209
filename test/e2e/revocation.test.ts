import type { Runtime } from '@switchboard/local';
import { init, type SwitchboardClient, silentLogger } from '@switchboard/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from './eventually.js';
import { startPlatform } from './platform.js';

/**
 * Revocation end to end on the local runtime with the platform's real handlers: the revoker on the
 * flags stream and the key-expiry schedule (run every half second here) close the sockets of a
 * rotated-away, expired or deleted credential through `@connections`, and a re-created environment's
 * changes reach only its own connections.
 */
describe('revocation on the local runtime', () => {
  let runtime: Runtime;
  let adminToken: string;
  const sockets: WebSocket[] = [];
  const clients: SwitchboardClient[] = [];

  async function api(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${runtime.apiUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return response.status === 204 ? undefined : await response.json();
  }

  const createEnvironment = async (project: string, env: string): Promise<string> =>
    ((await api('POST', `/projects/${project}/environments`, { key: env, name: env })) as { sdkKey: string })
      .sdkKey;
  const turn = (project: string, env: string, kind: 'turnFlagOn' | 'turnFlagOff') =>
    api('PATCH', `/projects/${project}/flags/new-checkout?env=${env}`, { instructions: [{ kind }] });

  /** A raw socket opened with `key`: its frames, and a promise of its close code. */
  async function socket(key: string) {
    const ws = new WebSocket(`${runtime.wsUrl}/?key=${key}`);
    sockets.push(ws);
    const frames: string[] = [];
    let open = true;
    ws.on('message', (data) => frames.push(data.toString()));
    const closed = new Promise<number>((resolve) =>
      ws.once('close', (code) => {
        open = false;
        resolve(code);
      }),
    );
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return { frames, closed, isOpen: () => open };
  }

  async function sdk(sdkKey: string) {
    const client = init({
      sdkKey,
      baseUrl: runtime.apiUrl,
      streamUrl: runtime.wsUrl,
      logger: silentLogger,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
      sendEvents: false,
    });
    clients.push(client);
    await client.waitForInitialization({ timeout: 20 });
    return client;
  }

  const patches = (frames: readonly string[]) => frames.filter((f) => JSON.parse(f).type === 'patch');
  /** The versions patched: the fast path and the stream both post a change, SDKs ignore the second. */
  const patched = (frames: readonly string[]) => new Set(patches(frames).map((f) => JSON.parse(f).version));
  /** The revoker looks twice, 6 s apart, so one revocation may wait behind another for that long. */
  const closeTimeout = 15_000;

  beforeAll(async () => {
    runtime = await startPlatform({ scheduleIntervalMs: 500 });
    adminToken = runtime.local?.adminToken as string;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    for (const ws of sockets.splice(0)) ws.terminate();
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('closes the sockets of a key rotated away without overlap; the new key’s keep receiving changes', async () => {
    const oldKey = await createEnvironment('demo', 'rotate-now');
    const old = await socket(oldKey);
    const { sdkKey: newKey } = (await api('POST', '/projects/demo/environments/rotate-now/keys/rotate', {
      expiryHours: 0,
    })) as { sdkKey: string };
    const current = await socket(newKey);
    expect(
      await Promise.race([old.closed, new Promise((r) => setTimeout(() => r('open'), closeTimeout))]),
    ).toBe(1000);
    const before = old.frames.length;
    await turn('demo', 'rotate-now', 'turnFlagOn');
    await eventually(() => expect(patched(current.frames).size).toBe(1));
    // Nothing after the close (what came before it may be the stream repeating the fast path).
    expect(old.frames).toHaveLength(before);
  });

  it('keeps the old key’s sockets through the overlap, and closes them when it ends', async () => {
    const oldKey = await createEnvironment('demo', 'rotate-later');
    const old = await socket(oldKey);
    await api('POST', '/projects/demo/environments/rotate-later/keys/rotate', { expiryHours: 3 / 3600 });
    await turn('demo', 'rotate-later', 'turnFlagOn');
    await eventually(() => expect(patched(old.frames).size).toBe(1));
    expect(old.isOpen()).toBe(true);
    await eventually(() => expect(old.isOpen()).toBe(false), 3_000 + closeTimeout);
  });

  it('closes a deleted environment’s sockets; the one re-created under its key is served only its own configuration', async () => {
    const firstKey = await createEnvironment('demo', 'again');
    await turn('demo', 'again', 'turnFlagOn');
    await turn('demo', 'again', 'turnFlagOff');
    await turn('demo', 'again', 'turnFlagOn');
    // A warm SDK endpoint: the deleted environment's snapshot (version 4, on) is in its cache.
    const first = await sdk(firstKey);
    expect(first.boolVariation('new-checkout', { kind: 'user', key: 'alice' }, false)).toBe(true);
    const old = await socket(firstKey);
    await api('DELETE', '/projects/demo/environments/again');
    await eventually(() => expect(old.isOpen()).toBe(false), closeTimeout);

    // Before the close, the old socket may still get the deleted environment's own last change
    // again (the stream delivers what the fast path already did); from the re-creation on, nothing.
    const atRecreation = old.frames.length;
    const secondKey = await createEnvironment('demo', 'again');
    const second = await sdk(secondKey);
    expect(second.variationDetail('new-checkout', { kind: 'user', key: 'alice' }, true)).toMatchObject({
      value: false,
      reason: { kind: 'OFF' },
    });
    await turn('demo', 'again', 'turnFlagOn');
    await eventually(() =>
      expect(second.boolVariation('new-checkout', { kind: 'user', key: 'alice' }, false)).toBe(true),
    );
    expect(old.frames.slice(atRecreation)).toEqual([]);
  });

  it('closes the sockets of a deleted project', async () => {
    await api('POST', '/projects', { key: 'doomed', name: 'Doomed' });
    const key = await createEnvironment('doomed', 'production');
    const connected = await socket(key);
    await api('DELETE', '/projects/doomed');
    await eventually(() => expect(connected.isOpen()).toBe(false), closeTimeout);
  });
});
