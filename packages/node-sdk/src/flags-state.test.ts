import { describe, expect, it } from 'vitest';
import { booleanFlag, user } from '../testing/flags.js';
import { init, silentLogger } from './index.js';

const offline = (flags: Record<string, unknown>) =>
  init({ offline: true, bootstrap: { flags }, logger: silentLogger });

describe('allFlagsState', () => {
  it('serialises to LaunchDarkly’s bootstrap format with JSON.stringify', () => {
    const state = offline({ beta: booleanFlag('beta', 3, true) }).allFlagsState(user('ada'), {
      withReasons: true,
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual({
      beta: true,
      $flagsState: { beta: { variation: 0, version: 3, reason: { kind: 'FALLTHROUGH' } } },
      $valid: true,
    });
    expect(state.getFlagValue('nope')).toBeUndefined();
    expect(state.getFlagReason('nope')).toBeNull();
  });

  it('is valid with no flags for a valid context, and invalid for a context without a key', () => {
    const client = offline({});
    expect(client.allFlagsState(user('ada')).valid).toBe(true);
    const invalid = offline({ beta: booleanFlag('beta', 3, true) }).allFlagsState({ kind: 'user' });
    expect([invalid.valid, invalid.allValues()]).toEqual([false, {}]);
  });

  it('keeps a flag named __proto__ as an own key', () => {
    // A literal `{ __proto__: … }` would set the prototype; parsed JSON makes an own key.
    const flags = JSON.parse(
      JSON.stringify({ proto: booleanFlag('__proto__', 1, true) }).replace('"proto"', '"__proto__"'),
    );
    const state = offline(flags).allFlagsState(user('ada'));
    expect(Object.keys(state.allValues())).toEqual(['__proto__']);
    expect(Object.keys(state.toJSON())).toEqual(['__proto__', '$flagsState', '$valid']);
  });
});
