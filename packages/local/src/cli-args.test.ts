import { describe, expect, it } from 'vitest';
import { isLoopback, parseCliArgs, UsageError } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults to the documented ports, persistent data and normal output', () => {
    expect(parseCliArgs([], {})).toEqual({
      ports: { http: 4000, ws: 4001 },
      host: '127.0.0.1',
      inMemory: false,
      reset: false,
      logLevel: 'normal',
      webSocketLimits: {},
    });
  });

  it('reads SWITCHBOARD_* variables, with flags taking precedence', () => {
    const options = parseCliArgs(['--ws-port', '5001'], {
      SWITCHBOARD_HTTP_PORT: '5000',
      SWITCHBOARD_WS_PORT: '9',
    });
    expect(options).toMatchObject({ ports: { http: 5000, ws: 5001 } });
  });

  it('listens on loopback unless a host is named, by flag or SWITCHBOARD_HOST', () => {
    expect(parseCliArgs(['--host', '0.0.0.0'], { SWITCHBOARD_HOST: '::1' })).toMatchObject({
      host: '0.0.0.0',
    });
    expect(parseCliArgs([], { SWITCHBOARD_HOST: '::1' })).toMatchObject({ host: '::1' });
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
  ])('tells whether %s is loopback only', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  it('reads modes and WebSocket limits in seconds', () => {
    const options = parseCliArgs(['--in-memory', '--reset', '--quiet', '--ws-idle-timeout', '30'], {});
    expect(options).toMatchObject({
      inMemory: true,
      reset: true,
      logLevel: 'quiet',
      webSocketLimits: { idleTimeoutMs: 30_000 },
    });
  });

  it('prints JSON records only when asked to', () => {
    expect(parseCliArgs(['--json', '--verbose'], {})).toMatchObject({
      logFormat: 'json',
      logLevel: 'verbose',
    });
    expect(parseCliArgs([], {})).not.toHaveProperty('logFormat');
  });

  it('throttles routes only when asked to', () => {
    expect(parseCliArgs(['--throttle'], {})).toMatchObject({ throttle: true });
    expect(parseCliArgs([], {})).not.toHaveProperty('throttle');
  });

  it.each([
    [['--http-port', 'x']],
    [['--ws-idle-timeout', '0']],
    [['--quiet', '--verbose']],
    [['--unknown']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliArgs(argv, {})).toThrow(UsageError);
  });

  it('answers help', () => {
    expect(parseCliArgs(['--help'], {})).toBe('help');
  });
});
