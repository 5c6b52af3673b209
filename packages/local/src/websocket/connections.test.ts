import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { ConnectionRegistry, type LiveConnection } from './connections.js';

function fakeConnection(connectionId: string) {
  const socket = Object.assign(new EventEmitter(), { close: vi.fn() });
  const connection = {
    connectionId,
    connectedAt: Date.now(),
    lastActiveAt: Date.now(),
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    domainName: 'localhost',
    apiId: 'local',
    socket: socket as unknown as WebSocket,
  } satisfies LiveConnection;
  return { connection, close: socket.close };
}

const registryWith = (maxConnectionMs: number) =>
  new ConnectionRegistry({ idleTimeoutMs: 1000, maxConnectionMs, maxMessageBytes: 10 });

describe('ConnectionRegistry', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes a connection that stays idle past the idle timeout, counting activity', () => {
    const registry = registryWith(10_000);
    const { connection, close } = fakeConnection('a');
    registry.add(connection);
    vi.advanceTimersByTime(900);
    registry.touch('a');
    vi.advanceTimersByTime(900);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(close).toHaveBeenCalledWith(1001, 'Going away');
  });

  it('closes any connection at the maximum connection duration', () => {
    const registry = registryWith(2500);
    const { connection, close } = fakeConnection('b');
    registry.add(connection);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(500);
      registry.touch('b');
    }
    expect(close).toHaveBeenCalledWith(1001, 'Going away');
  });

  it('closes a deleted connection and forgets it at once, as DeleteConnection does', () => {
    const registry = registryWith(2500);
    const { connection, close } = fakeConnection('d');
    const terminate = vi.fn();
    Object.assign(connection.socket, { terminate });
    registry.add(connection);
    registry.close('d');
    expect(close).toHaveBeenCalledWith(1000, 'Connection deleted');
    expect(registry.get('d')).toBeUndefined();
    // A client that never answers the close handshake is cut off.
    vi.advanceTimersByTime(1000);
    expect(terminate).toHaveBeenCalled();
  });

  it('forgets a removed connection and its timers', () => {
    const registry = registryWith(2500);
    const { connection, close } = fakeConnection('c');
    registry.add(connection);
    registry.remove('c');
    vi.advanceTimersByTime(5000);
    expect(registry.get('c')).toBeUndefined();
    expect(close).not.toHaveBeenCalled();
  });
});
