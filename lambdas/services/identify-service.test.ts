import { describe, expect, it } from 'vitest';
import { MemoryConnectionStore } from '../../test/helpers/delivery-fakes.js';
import { sha256 } from '../domain/credentials.js';
import { secureModeHash } from '../domain/secure-mode.js';
import { EvaluationService } from './evaluation-service.js';
import { IdentifyService } from './identify-service.js';
import type { EnvironmentRecord } from './ports.js';
import { SecureModeService } from './secure-mode-service.js';
import type { EnvironmentSnapshot } from './snapshot-cache.js';

const locator = { project: 'p', env: 'production' };
const NOW = Date.parse('2026-12-01T12:00:00Z');
const clock = { now: () => new Date(NOW) };
const flag = (key: string, clientSide: boolean) => ({
  key,
  version: 3,
  on: true,
  variations: ['off', 'on'],
  offVariation: 0,
  fallthrough: { variation: 0 },
  targets: [{ variation: 1, values: ['ada'] }],
  contextTargets: [],
  rules: [],
  prerequisites: [],
  salt: key,
  deleted: false,
  clientSideAvailability: { usingEnvironmentId: clientSide, usingMobileKey: false },
});
const snapshot = {
  flags: new Map([
    ['banner', flag('banner', true)],
    ['server-only', flag('server-only', false)],
  ]),
  segments: new Map(),
  etag: '"x"',
  json: '{}',
  readAt: NOW + 3,
} as unknown as EnvironmentSnapshot;

const current = sha256('sdk-current'.padEnd(40, 'x'));
const expired = sha256('sdk-expired'.padEnd(40, 'x'));

function setup(secureMode = false) {
  const connections = new MemoryConnectionStore();
  const reads: (number | undefined)[] = [];
  const record = {
    key: 'production',
    secureMode,
    sdkKeys: [
      { hash: current, id: 'a', last4: 'xxxx', createdAt: '' },
      { hash: expired, id: 'b', last4: 'xxxx', createdAt: '', expiresAt: '2026-11-30T00:00:00Z' },
    ],
  } as unknown as EnvironmentRecord;
  const service = new IdentifyService(
    connections,
    new EvaluationService(async (_at, since) => {
      reads.push(since);
      return snapshot;
    }),
    new SecureModeService({ get: async () => record as never }, clock),
    clock,
  );
  connections.connections.set('browser', {
    ...locator,
    connectionId: 'browser',
    connectedAt: 0,
    sdk: 'client',
  });
  connections.connections.set('server', {
    ...locator,
    connectionId: 'server',
    connectedAt: 0,
    sdk: 'server',
  });
  const identify = async (message: Record<string, unknown>, connectionId = 'browser') => {
    const reply = await service.identify(connectionId, {
      action: 'identify',
      id: 1,
      context: {},
      ...message,
    });
    return typeof reply === 'string' ? JSON.parse(reply) : reply;
  };
  return { connections, identify, reads };
}

const ada = { kind: 'user', key: 'ada' };

describe('IdentifyService', () => {
  it('answers every client-side flag for the context, with the id and the time of the read, and stores both', async () => {
    const { identify, connections, reads } = setup();
    expect(await identify({ id: 4, context: ada })).toEqual({
      type: 'values',
      id: 4,
      stateAt: NOW + 3,
      values: { banner: { value: 'on', variationIndex: 1, version: 3, reason: { kind: 'TARGET_MATCH' } } },
    });
    // With the digest of its answer, which a fan-out whose batch it may include compares against.
    expect(connections.connections.get('browser')?.identity).toEqual({
      context: JSON.stringify(ada),
      id: 4,
      at: NOW,
      answer: { banner: expect.any(String) },
    });
    // Evaluated on a snapshot read after the context was stored.
    expect(reads).toEqual([NOW]);
  });

  it('replaces the stored context with a newer identify, and keeps it against an older one', async () => {
    const { identify, connections } = setup();
    await identify({ id: 2, context: ada });
    await identify({ id: 3, context: { kind: 'user', key: 'bob' } });
    const late = await identify({ id: 1, context: ada });
    expect(late).toMatchObject({ type: 'values', id: 1 });
    expect(connections.connections.get('browser')?.identity?.id).toBe(3);
  });

  it('refuses identify on a server connection', async () => {
    const { identify } = setup();
    expect(await identify({ id: 2, context: ada }, 'server')).toMatchObject({
      code: 'unsupported_action',
      id: 2,
    });
  });

  it('refuses an invalid context without echoing it, and keeps the previous one', async () => {
    const { identify, connections } = setup();
    await identify({ id: 1, context: ada });
    const reply = await identify({
      id: 2,
      context: { kind: 'user', key: 'secret-email@example.com', name: 7 },
    });
    expect(reply).toMatchObject({ type: 'error', id: 2, code: 'invalid_context' });
    expect(JSON.stringify(reply)).not.toContain('secret-email');
    expect(connections.connections.get('browser')?.identity?.id).toBe(1);
  });

  it('answers a connection it does not know with an error', async () => {
    const { identify } = setup();
    expect(await identify({ context: ada }, 'nobody')).toMatchObject({
      type: 'error',
      code: 'invalid_message',
    });
  });

  describe('in secure mode', () => {
    it.each([
      ['no hash', undefined, 'secure_mode_hash_required'],
      ['a wrong hash', 'ab'.repeat(32), 'invalid_hash'],
      ['a hash made with an expired key', secureModeHash(expired, ada), 'invalid_hash'],
      ['a hash of another context', secureModeHash(current, { kind: 'user', key: 'bob' }), 'invalid_hash'],
      ['a hash that is not hex', 'zz', 'invalid_hash'],
    ])('refuses %s and stores nothing', async (_name, hash, code) => {
      const { identify, connections } = setup(true);
      expect(await identify({ id: 5, context: ada, ...(hash === undefined ? {} : { hash }) })).toMatchObject({
        type: 'error',
        id: 5,
        code,
      });
      expect(connections.connections.get('browser')?.identity).toBeUndefined();
    });

    it('accepts the hash made with a current key, in either case', async () => {
      const { identify } = setup(true);
      const hash = secureModeHash(current, ada) as string;
      expect(await identify({ id: 5, context: ada, hash })).toMatchObject({ type: 'values', id: 5 });
      expect(await identify({ id: 6, context: ada, hash: hash.toUpperCase() })).toMatchObject({
        type: 'values',
      });
    });
  });
});
