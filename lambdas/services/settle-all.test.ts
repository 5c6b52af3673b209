import { describe, expect, it } from 'vitest';
import { settleAll } from './settle-all.js';

describe('settleAll', () => {
  it('resolves the values in order', async () => {
    expect(
      await settleAll([
        Promise.resolve(1),
        new Promise((r) => setTimeout(() => r(2), 5)),
        Promise.resolve(3),
      ]),
    ).toEqual([1, 2, 3]);
  });

  it('rejects with the first rejection, only after the slower promises have settled', async () => {
    let slowDone = false;
    const slow = new Promise<void>((resolve) =>
      setTimeout(() => {
        slowDone = true;
        resolve();
      }, 20),
    );
    await expect(
      settleAll([slow, Promise.reject(new Error('first')), Promise.reject(new Error('second'))]),
    ).rejects.toThrow('first');
    expect(slowDone).toBe(true);
  });
});
