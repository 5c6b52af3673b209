import { describe, expect, it } from 'vitest';
import { keyFromName, withName } from './key-from-name.js';

const emptyForm = { name: '', key: '', keyEdited: false };

describe('keyFromName', () => {
  it.each([
    ['New checkout (EU)', 'new-checkout-eu'],
    ['Crème brûlée', 'creme-brulee'],
    ['  __spaces & symbols!! ', 'spaces-symbols'],
    ['v2.1_beta', 'v2.1_beta'],
    ['🎉', ''],
  ])('%s → %s', (name, key) => {
    expect(keyFromName(name)).toBe(key);
  });

  it('keeps a key the API accepts, at most 128 characters', () => {
    const key = keyFromName(`${'a'.repeat(127)} b`);
    expect(key.length).toBeLessThanOrEqual(128);
    expect(key).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);
  });
});

describe('withName', () => {
  it('moves the key with the name until the key is typed over', () => {
    const named = withName(emptyForm, 'Dark mode');
    expect(named.key).toBe('dark-mode');
    const edited = withName({ ...named, key: 'ui.dark', keyEdited: true }, 'Dark mode 2');
    expect(edited).toMatchObject({ name: 'Dark mode 2', key: 'ui.dark' });
  });
});
