import { describe, expect, it } from 'vitest';
import { booleanFlag, segment, user } from '../testing/flags.js';
import { FlagStore } from './flag-store.js';

const alice = user('alice');

describe('FlagStore', () => {
  it('upserts only newer versions', () => {
    const store = new FlagStore();
    expect(store.upsert('flag', booleanFlag('beta', 2, true))).toBe(true);
    expect(store.upsert('flag', booleanFlag('beta', 2, false))).toBe(false);
    expect(store.upsert('flag', booleanFlag('beta', 1, false))).toBe(false);
    expect(store.evaluator.evaluate('beta', alice, false).value).toBe(true);
  });

  it('keeps tombstones that block older versions but not newer ones', () => {
    const store = new FlagStore({ flags: { beta: booleanFlag('beta', 1, true) }, segments: {} });
    expect(store.remove('flag', 'beta', 3)).toBe(true);
    expect(store.items('flag')).toEqual([]);
    expect(store.upsert('flag', booleanFlag('beta', 2, true))).toBe(false);
    expect(store.upsert('flag', booleanFlag('beta', 4, true))).toBe(true);
  });

  describe('applySnapshot', () => {
    it('reports the items it changed, segments first', () => {
      const store = new FlagStore({ flags: { same: booleanFlag('same', 1, true) }, segments: {} });
      const changes = store.applySnapshot({
        flags: { same: booleanFlag('same', 1, true), added: booleanFlag('added', 1, true) },
        segments: { staff: segment('staff', 1, []) },
      });
      expect(changes).toEqual([
        { kind: 'segment', key: 'staff' },
        { kind: 'flag', key: 'added' },
      ]);
    });

    it('keeps a held item newer than the snapshot’s copy', () => {
      const store = new FlagStore({ flags: { beta: booleanFlag('beta', 5, false) }, segments: {} });
      expect(store.applySnapshot({ flags: { beta: booleanFlag('beta', 4, true) }, segments: {} })).toEqual(
        [],
      );
      expect(store.evaluator.evaluate('beta', alice, true).value).toBe(false);
    });

    it('deletes items the snapshot lacks, with a tombstone just above the held version', () => {
      const store = new FlagStore({ flags: { beta: booleanFlag('beta', 5, true) }, segments: {} });
      expect(store.applySnapshot({ flags: {}, segments: {} })).toEqual([{ kind: 'flag', key: 'beta' }]);
      expect(store.evaluator.evaluate('beta', alice, false).reason).toEqual({
        kind: 'ERROR',
        errorKind: 'FLAG_NOT_FOUND',
      });
      // A late copy of the version we had stays dead; a newer one (the flag re-created) is accepted.
      expect(store.upsert('flag', booleanFlag('beta', 6, true))).toBe(false);
      expect(store.upsert('flag', booleanFlag('beta', 7, true))).toBe(true);
    });
  });
});
