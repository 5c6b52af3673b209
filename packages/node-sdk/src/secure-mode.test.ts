import { describe, expect, it } from 'vitest';
import { init, SwitchboardConfigError, SwitchboardError, silentLogger, TestData } from './index.js';

// Expected hashes computed outside Node, with openssl:
// printf 'ada' | openssl dgst -sha256 -mac HMAC -macopt key:$(printf 'sdk-test-key' | sha256sum | cut -d' ' -f1)
const ADA = '1912ced0941cb3a63521a72df83b42a2968555907c9b25b549e9b1a5051c24a6';
const MULTI = '47fc2060bcd5944cda69247a00d3064fbffa4b04ba43ef79c51d33e18cbf4314';

describe('secureModeHash', () => {
  const client = init({
    sdkKey: 'sdk-test-key',
    dataSource: new TestData().getFactory(),
    sendEvents: false,
    logger: silentLogger,
  });

  it('is HMAC-SHA256 keyed with the hex SHA-256 of the SDK key, over the canonical key', () => {
    expect(client.secureModeHash({ kind: 'user', key: 'ada' })).toBe(ADA);
    expect(client.secureModeHash({ key: 'ada' })).toBe(ADA);
    expect(client.secureModeHash({ kind: 'multi', user: { key: 'ada' }, org: { key: 'a:b' } })).toBe(MULTI);
  });

  it('refuses a context without keys, and a client without an SDK key', () => {
    expect(() => client.secureModeHash({ kind: 'user' })).toThrow(SwitchboardError);
    const keyless = init({ offline: true, logger: silentLogger });
    expect(() => keyless.secureModeHash({ key: 'ada' })).toThrow(SwitchboardConfigError);
  });
});
