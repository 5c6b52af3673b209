import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from './common.js';
import type { AuditRecord, ControlStore, EntityRef, Write } from './ports.js';
import { TokenService } from './token-service.js';

/** A store that keeps items in a map and records each transaction. */
function recordingStore() {
  const items = new Map<string, unknown>([['project:checkout', { key: 'checkout' }]]);
  const transactions: { writes: readonly Write[]; audit: readonly AuditRecord[] }[] = [];
  const id = (ref: EntityRef) => `${ref.kind}:${Object.values(ref).slice(1).join('/')}`;
  const store = {
    get: async (ref: EntityRef) => items.get(id(ref)),
    transact: async (writes: readonly Write[], audit: readonly AuditRecord[]) => {
      transactions.push({ writes, audit });
      for (const w of writes) {
        if (w.check) continue;
        if (w.value === undefined) items.delete(id(w.ref));
        else items.set(id(w.ref), w.value);
      }
    },
  } as unknown as ControlStore;
  return { store, transactions };
}

function service() {
  const recorded = recordingStore();
  let n = 0;
  const deps: ServiceDeps = {
    store: recorded.store,
    clock: { now: () => new Date('2030-01-01T00:00:00Z') },
    newId: () => `id${++n}`,
  };
  return { tokens: new TokenService(deps), ...recorded };
}

const actor = { id: 'admin', name: 'Admin' };

describe('TokenService audit', () => {
  it.each([
    ['create', async (t: TokenService) => t.create(actor, { name: 'ci', projects: { checkout: 'writer' } })],
    ['rotate', async (t: TokenService) => t.rotate(actor, 'id1', 1)],
    ['revoke', async (t: TokenService) => t.revoke(actor, 'id1')],
  ])('writes the %s and its global audit entry in one transaction', async (action, run) => {
    const { tokens, transactions } = service();
    await tokens.create(actor, { name: 'ci', projects: { checkout: 'writer' } });
    const before = transactions.length;
    await run(tokens);
    const last = transactions.at(-1);
    expect(transactions.length - before).toBe(1);
    expect(last?.writes.length).toBeGreaterThan(0);
    expect(last?.audit).toEqual([expect.objectContaining({ action, resource: 'token', actor })]);
    expect(last?.audit[0]).not.toHaveProperty('project');
  });
});
