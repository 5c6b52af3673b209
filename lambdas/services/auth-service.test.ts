import { describe, expect, it } from 'vitest';
import { newApiToken, newSdkKey, sha256 } from '../domain/credentials.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { AuthService } from './auth-service.js';
import type { ControlStore, EntityRef } from './ports.js';

const reader = newApiToken();
const sdkKey = newSdkKey();
const expiredKey = newSdkKey();

function store() {
  const reads: string[] = [];
  const items: Record<string, unknown> = {
    [`token:${sha256(reader)}`]: { id: 't1', name: 'ci', role: 'reader' },
    [`sdkKey:${sha256(sdkKey)}`]: { project: 'p', env: 'production' },
    [`sdkKey:${sha256(expiredKey)}`]: {
      project: 'p',
      env: 'production',
      expiresAt: '2000-01-01T00:00:00.000Z',
    },
  };
  return {
    reads,
    get: (async (ref: EntityRef) => {
      const id = `${ref.kind}:${'hash' in ref ? ref.hash : ''}`;
      reads.push(id);
      return items[id];
    }) as ControlStore['get'],
  };
}

const clock = { now: () => new Date('2030-01-01T00:00:00Z') };

describe('AuthService', () => {
  it.each<[string, string | undefined, 'reader' | 'writer', unknown]>([
    ['no header', undefined, 'reader', UnauthorizedError],
    ['a bare token without Bearer', reader, 'reader', UnauthorizedError],
    ['a malformed token', 'Bearer sbt_short', 'reader', UnauthorizedError],
    ['an SDK key', `Bearer ${sdkKey}`, 'reader', UnauthorizedError],
    ['an unknown token', `Bearer ${newApiToken()}`, 'reader', UnauthorizedError],
    ['too low a role', `Bearer ${reader}`, 'writer', ForbiddenError],
  ])('rejects %s', async (_name, authorization, role, error) => {
    const auth = new AuthService(store(), clock);
    await expect(auth.authenticate({ kind: 'apiToken', role }, { authorization })).rejects.toBeInstanceOf(
      error,
    );
  });

  it('remembers an unknown credential for a second, apart from the known ones', async () => {
    const s = store();
    let now = Date.parse('2030-01-01T00:00:00Z');
    const auth = new AuthService(s, { now: () => new Date(now) });
    const unknown = { authorization: `Bearer ${newApiToken()}` };
    const known = { authorization: `Bearer ${reader}` };
    await auth.authenticate({ kind: 'apiToken', role: 'reader' }, known);
    for (let i = 0; i < 3; i++) {
      await expect(auth.authenticate({ kind: 'apiToken', role: 'reader' }, unknown)).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
    }
    expect(s.reads).toHaveLength(2);
    // A flood of different garbage tokens does not push the known one out of the cache.
    for (let i = 0; i < 1_500; i++) {
      await auth
        .authenticate({ kind: 'apiToken', role: 'reader' }, { authorization: `Bearer ${newApiToken()}` })
        .catch(() => undefined);
    }
    const reads = s.reads.length;
    await auth.authenticate({ kind: 'apiToken', role: 'reader' }, known);
    expect(s.reads).toHaveLength(reads);
    now += 1_001;
    await expect(auth.authenticate({ kind: 'apiToken', role: 'reader' }, unknown)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(s.reads).toHaveLength(reads + 1);
  });

  it('accepts a token of a sufficient role and caches the lookup', async () => {
    const s = store();
    const auth = new AuthService(s, clock);
    for (let i = 0; i < 3; i++) {
      await expect(
        auth.authenticate({ kind: 'apiToken', role: 'reader' }, { authorization: `Bearer ${reader}` }),
      ).resolves.toMatchObject({ name: 'ci' });
    }
    expect(s.reads).toHaveLength(1);
    auth.forgetToken(sha256(reader));
    await auth.authenticate({ kind: 'apiToken', role: 'reader' }, { authorization: `Bearer ${reader}` });
    expect(s.reads).toHaveLength(2);
  });

  it.each([
    ['raw', sdkKey, true],
    ['Bearer', `Bearer ${sdkKey}`, true],
    ['expired', expiredKey, false],
    ['an API token', `Bearer ${reader}`, false],
  ])('SDK key %s → accepted: %s', async (_name, authorization, ok) => {
    const result = new AuthService(store(), clock).authenticate({ kind: 'sdkKey' }, { authorization });
    const credential = `sdkKey:${sha256(sdkKey).slice(0, 12)}`;
    if (ok)
      await expect(result).resolves.toEqual({ kind: 'sdkKey', project: 'p', env: 'production', credential });
    else await expect(result).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
