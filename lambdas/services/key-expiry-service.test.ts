import { describe, expect, it } from 'vitest';
import { KeyExpiryService } from './key-expiry-service.js';
import type { ControlStore, KeyExpiry, Write } from './ports.js';

function fakeStore(expiries: KeyExpiry[]) {
  const transactions: Write[][] = [];
  const store: Pick<ControlStore, 'dueKeyExpiries' | 'transact'> = {
    dueKeyExpiries: async (now) => expiries.filter((e) => e.expiresAt <= now),
    transact: async (writes) => void transactions.push([...writes]),
  };
  return { store, transactions };
}

describe('KeyExpiryService', () => {
  it('deletes each SDK key whose overlap has ended, with its schedule entry, and no other', async () => {
    const due = { project: 'p', env: 'e', hash: 'a'.repeat(64), expiresAt: '2026-01-01T00:00:00.000Z' };
    const later = { ...due, hash: 'b'.repeat(64), expiresAt: '2026-01-01T00:00:01.000Z' };
    const { store, transactions } = fakeStore([due, later]);
    const clock = { now: () => new Date('2026-01-01T00:00:00.500Z') };
    expect(await new KeyExpiryService(store, clock).sweep()).toBe(1);
    expect(transactions).toEqual([
      [
        { ref: { kind: 'sdkKey', hash: due.hash } },
        { ref: { kind: 'keyExpiry', expiresAt: due.expiresAt, hash: due.hash } },
      ],
    ]);
  });
});
