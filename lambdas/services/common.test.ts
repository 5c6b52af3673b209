import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, WriteConflictError } from '../errors.js';
import { deleteOnce } from './common.js';

const ref = { kind: 'segment', project: 'p', env: 'production', segment: 'beta' } as const;
const holding = (value?: object) => ({ get: async () => value }) as never;
const lost = () =>
  Promise.reject(new WriteConflictError('The resource changed concurrently; reload and retry'));

describe('deleteOnce', () => {
  it('answers a delete that lost to one of the same item 404, with If-Match too', async () => {
    await expect(deleteOnce(holding(), ref, 'Segment "beta"', 3, lost)).rejects.toThrow(
      new NotFoundError('Segment "beta"'),
    );
  });

  it('keeps the 409 of a delete that lost to a change, with If-Match', async () => {
    const result = deleteOnce(holding({ version: 4 }), ref, 'Segment "beta"', 3, lost);
    await expect(result).rejects.toBeInstanceOf(ConflictError);
    await expect(result).rejects.not.toBeInstanceOf(NotFoundError);
  });

  it('counts an environment marked for deletion as gone', async () => {
    const environment = { kind: 'environment', project: 'p', env: 'qa' } as const;
    await expect(
      deleteOnce(holding({ version: 2, deleting: true }), environment, 'Environment "p/qa"', 1, lost),
    ).rejects.toThrow(new NotFoundError('Environment "p/qa"'));
  });

  it('retries a lost race without If-Match, from a fresh read', async () => {
    let attempts = 0;
    await deleteOnce(holding({ version: 4 }), ref, 'Segment "beta"', undefined, async () => {
      attempts += 1;
      if (attempts < 2) await lost();
    });
    expect(attempts).toBe(2);
  });
});
