import { afterEach, describe, expect, it } from 'vitest';
import { booleanFlag, segment, segmentFlag, user } from '../testing/flags.js';
import { type ItemChange, init, type SwitchboardClient, silentLogger, TestData } from './index.js';

describe('TestData', () => {
  let clients: SwitchboardClient[] = [];
  const start = (td: TestData) => {
    const client = init({ dataSource: td.getFactory(), logger: silentLogger });
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(clients.map((client) => client.close()));
    clients = [];
  });

  it('serves its flags at once, with no key or network, and is ready', async () => {
    const td = new TestData();
    td.update(td.flag('beta').variationForAll(true));
    const client = start(td);
    await client.waitForInitialization({ timeout: 1 });
    expect(client.initialized()).toBe(true);
    expect(client.boolVariationDetail('beta', user('ada'), false)).toEqual({
      value: true,
      variationIndex: 0,
      reason: { kind: 'FALLTHROUGH' },
    });
  });

  it('pushes changes made during a test as update and update:KEY events', async () => {
    const td = new TestData();
    td.update(td.flag('beta').variationForAll(false));
    const client = start(td);
    await client.waitForInitialization({ timeout: 1 });
    const updates: ItemChange[] = [];
    const keyed: ItemChange[] = [];
    client.on('update', (change) => updates.push(change));
    client.on('update:beta', (change) => keyed.push(change));
    await td.update(td.flag('beta').variationForUser('ada', true));
    expect(updates).toEqual([{ kind: 'flag', key: 'beta' }]);
    expect(keyed).toEqual([{ kind: 'flag', key: 'beta' }]);
    expect(client.boolVariation('beta', user('ada'), false)).toBe(true);
    expect(client.boolVariation('beta', user('bob'), true)).toBe(false);
  });

  it('announces flags whose segment changed, and feeds every attached client', async () => {
    const td = new TestData();
    td.usePreconfiguredSegment(segment('beta-testers', 1, []));
    td.usePreconfiguredFlag(segmentFlag('checkout', 1, 'beta-testers'));
    const [first, second] = [start(td), start(td)];
    await Promise.all([first.waitForInitialization(), second.waitForInitialization()]);
    const keyed: string[] = [];
    second.on('update:checkout', ({ key }) => keyed.push(key));
    await td.usePreconfiguredSegment(segment('beta-testers', 1, ['ada']));
    expect(keyed).toEqual(['checkout']);
    for (const client of [first, second])
      expect(client.boolVariation('checkout', user('ada'), false)).toBe(true);
  });

  it('builds targets, rules and values as LaunchDarkly’s builder does', async () => {
    const td = new TestData();
    td.update(
      td
        .flag('plan-gate')
        .variationForAll(false)
        .variationForContext('org', 'acme', true)
        .ifMatch('user', 'plan', 'pro', 'team')
        .andNotMatch('user', 'country', 'FR')
        .thenReturn(true),
    );
    td.update(td.flag('banner').valueForAll({ text: 'hi' }));
    td.update(td.flag('off').variations('a', 'b').offVariation(1).on(false));
    const client = start(td);
    await client.waitForInitialization();
    const pro = { kind: 'user', key: 'u', plan: 'pro', country: 'DE' };
    expect(client.variationDetail('plan-gate', pro, null)).toMatchObject({
      value: true,
      reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule0' },
    });
    expect(client.boolVariation('plan-gate', { ...pro, country: 'FR' }, true)).toBe(false);
    expect(client.variationDetail('plan-gate', { kind: 'org', key: 'acme' }, null)).toMatchObject({
      value: true,
      reason: { kind: 'TARGET_MATCH' },
    });
    expect(client.jsonVariation('banner', pro, null)).toEqual({ text: 'hi' });
    expect(client.stringVariationDetail('off', pro, 'x')).toEqual({
      value: 'b',
      variationIndex: 1,
      reason: { kind: 'OFF' },
    });
  });

  it('starts a builder from the flag’s last update and bumps versions', async () => {
    const td = new TestData();
    td.update(td.flag('beta').variationForUser('ada', true).fallthroughVariation(false));
    td.update(td.flag('beta').variationForUser('bob', true));
    const client = start(td);
    await client.waitForInitialization();
    expect(client.boolVariation('beta', user('ada'), false)).toBe(true);
    expect(client.boolVariation('beta', user('bob'), false)).toBe(true);
    expect(client.allFlagsState(user('ada')).flags.beta?.version).toBe(2);
  });

  it('stops feeding a closed client', async () => {
    const td = new TestData();
    td.usePreconfiguredFlag(booleanFlag('beta', 5, false));
    const client = start(td);
    await client.waitForInitialization();
    await client.close();
    await td.usePreconfiguredFlag(booleanFlag('beta', 5, true));
    expect(client.boolVariation('beta', user('ada'), true)).toBe(false);
  });
});
