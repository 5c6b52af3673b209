import { afterEach, describe, expect, it, vi } from 'vitest';
import { countSetting, requiredSetting, setting, streamName, tableName } from './config.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('settings', () => {
  it.each([
    ['unset', undefined, undefined],
    ['empty', '', undefined],
    ['set', 'x', 'x'],
  ])('an optional setting %s reads as %s', (_name, value, expected) => {
    vi.stubEnv('SWITCHBOARD_TEST_SETTING', value);
    expect(setting('SWITCHBOARD_TEST_SETTING')).toBe(expected);
  });

  it('names a missing required setting and what it is for', () => {
    vi.stubEnv('SWITCHBOARD_TEST_SETTING', '');
    expect(() => requiredSetting('SWITCHBOARD_TEST_SETTING', 'a test')).toThrow(
      'Environment variable SWITCHBOARD_TEST_SETTING (a test) is not set',
    );
  });

  it.each([
    ['12', 12],
    ['0', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['many', undefined],
  ])('reads the count %s as %s', (value, expected) => {
    vi.stubEnv('SWITCHBOARD_TEST_SETTING', value);
    expect(countSetting('SWITCHBOARD_TEST_SETTING')).toBe(expected);
  });

  it('reads table and stream names from the variables the topology declares', () => {
    vi.stubEnv('FLAGS_TABLE', 'flags-physical');
    vi.stubEnv('EVENTS_STREAM', 'events-physical');
    expect(tableName('flags')).toBe('flags-physical');
    expect(streamName('events')).toBe('events-physical');
  });
});
