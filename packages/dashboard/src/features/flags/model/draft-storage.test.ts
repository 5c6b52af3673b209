import { beforeEach, describe, expect, it } from 'vitest';
import { checkoutFlag } from '../testing/flag-fixtures.js';
import { draftStorage, dropDrafts } from './draft-storage.js';

const draftOf = (key: string) => ({
  base: checkoutFlag({ key }),
  changes: [{ kind: 'turnFlagOn' as const }],
});

describe('draft storage', () => {
  beforeEach(() => window.localStorage.clear());
  const drafts = () => draftStorage(window.localStorage);

  // Keys may hold dots: web/a.b/prod and web/a/b.prod once shared one slot.
  it('keeps the drafts of different flags and environments apart, whatever their keys hold', () => {
    drafts().save('web', 'a.b', 'prod', draftOf('a.b'));
    drafts().save('web.x', 'a', 'prod', draftOf('a'));
    expect(drafts().load('web', 'a', 'b.prod')).toBeUndefined();
    expect(drafts().load('web', 'x.a', 'prod')).toBeUndefined();
    expect(drafts().load('web', 'a.b', 'prod')?.base.key).toBe('a.b');
  });

  it("drops a deleted flag's drafts in every environment, and nothing else", () => {
    drafts().save('web', 'checkout', 'production', draftOf('checkout'));
    drafts().save('web', 'checkout', 'staging', draftOf('checkout'));
    drafts().save('web', 'checkout.v2', 'staging', draftOf('checkout.v2'));
    drafts().save('shop', 'checkout', 'staging', draftOf('checkout'));
    dropDrafts(window.localStorage, 'web', 'checkout');
    expect(drafts().load('web', 'checkout', 'production')).toBeUndefined();
    expect(drafts().load('web', 'checkout', 'staging')).toBeUndefined();
    expect(drafts().load('web', 'checkout.v2', 'staging')).toBeDefined();
    expect(drafts().load('shop', 'checkout', 'staging')).toBeDefined();
  });

  it("drops a deleted project's drafts, not those of a project whose key starts like it", () => {
    drafts().save('web', 'checkout', 'production', draftOf('checkout'));
    drafts().save('web', 'login', 'staging', draftOf('login'));
    drafts().save('web.x', 'checkout', 'production', draftOf('checkout'));
    window.localStorage.setItem('unrelated', '1');
    dropDrafts(window.localStorage, 'web');
    expect(drafts().load('web', 'checkout', 'production')).toBeUndefined();
    expect(drafts().load('web', 'login', 'staging')).toBeUndefined();
    expect(drafts().load('web.x', 'checkout', 'production')).toBeDefined();
    expect(window.localStorage.getItem('unrelated')).toBe('1');
  });

  it('still opens a draft kept under the old key, when it is that flag’s, and moves it', () => {
    window.localStorage.setItem('switchboard.draft.web.a.b.prod', JSON.stringify(draftOf('a.b')));
    expect(drafts().load('web', 'a', 'b.prod')).toBeUndefined();
    expect(drafts().load('web', 'a.b', 'prod')?.base.key).toBe('a.b');
    expect(window.localStorage.getItem('switchboard.draft.web.a.b.prod')).toBeNull();
    expect(drafts().load('web', 'a.b', 'prod')?.base.key).toBe('a.b');
  });
});
