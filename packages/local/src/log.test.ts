import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from './log.js';

const warning = JSON.stringify({
  level: 'WARN',
  message: 'fanout (fast path)',
  timestamp: '2026-12-06T21:00:00.000Z',
  service: 'switchboard',
  cold_start: false,
  function_name: 'fanout',
  function_request_id: 'req-1',
  failed: 2,
  environments: ['shop/production'],
});
const info = JSON.stringify({
  level: 'INFO',
  message: 'key-expiry',
  function_name: 'key-expiry',
  expired: 1,
});
const metrics = JSON.stringify({
  _aws: {
    Timestamp: 1,
    CloudWatchMetrics: [
      { Namespace: 'Switchboard', Dimensions: [['service']], Metrics: [{ Name: 'PostsSent' }] },
    ],
  },
  service: 'switchboard',
  PostsSent: [3, 4],
});

function printed(level: LogLevel, format: 'text' | 'json', lines: readonly string[]): string[] {
  const out: string[] = [];
  const logger = createLogger(level, (line) => out.push(line), format);
  for (const line of lines) logger.telemetry(line);
  return out;
}

describe('the runtime logger', () => {
  it('shows a handler warning as one readable line: function, message and its own attributes', () => {
    const [line, ...rest] = printed('normal', 'text', [warning]);
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN fanout: fanout \(fast path\) failed=2 environments=\["shop\/production"\]$/,
    );
  });

  it('shows handler info as activity and metrics only when verbose, and warnings even when quiet', () => {
    expect(printed('normal', 'text', [info, metrics])).toHaveLength(1);
    expect(printed('verbose', 'text', [info, metrics])[1]).toMatch(/ metrics PostsSent=3,4$/);
    expect(printed('quiet', 'text', [info, metrics, warning])).toHaveLength(1);
  });

  it('passes handler records through unchanged in json, and writes its own lines as records', () => {
    const out: string[] = [];
    const logger = createLogger('normal', (line) => out.push(line), 'json');
    logger.activity('GET /health 200 1ms');
    logger.telemetry(warning);
    logger.telemetry(metrics);
    expect(JSON.parse(out[0] as string)).toMatchObject({
      level: 'INFO',
      service: 'switchboard-local',
      message: 'GET /health 200 1ms',
    });
    expect(out.slice(1)).toEqual([warning, metrics]);
  });
});
