import { describe, expect, it } from 'vitest';
import { MemoryPostedMarks } from '../../test/helpers/delivery-fakes.js';
import type { ItemChange } from '../domain/delivery.js';
import type { AuditEntry } from '../domain/response-schemas.js';
import { handingOff, markedHandoff } from './change-handoff.js';
import type { ControlStore, Write } from './ports.js';

const config = (version: number) => ({ key: 'beta', on: true, version });
const flagWrite = (version: number): Write => ({
  ref: { kind: 'flagConfig', project: 'shop', env: 'production', flag: 'beta' },
  value: config(version) as never,
  expect: version - 1,
});
const audit = (before: unknown): AuditEntry => ({
  id: 'a1',
  project: 'shop',
  time: '2026-12-06T00:00:00.000Z',
  actor: { id: 't', name: 'T' },
  action: 'update',
  resource: 'flag',
  key: 'beta',
  env: 'production',
  before: before as never,
});

function fakeStore(fail = false) {
  const committed: Write[][] = [];
  const times: (number | undefined)[] = [];
  const store = {
    transact: async (writes: readonly Write[], _audit: unknown, writtenAt?: number) => {
      if (fail) throw new Error('conflict');
      committed.push([...writes]);
      times.push(writtenAt);
    },
    listEnvironments: async () => [],
  } as unknown as ControlStore;
  return { store, committed, times };
}

describe('handingOff', () => {
  it('hands a committed flag change to delivery, with the item before it from the audit entry', async () => {
    const { store, committed, times } = fakeStore();
    const handed: ItemChange[][] = [];
    const wrapped = handingOff(
      store,
      { handOff: async (changes) => void handed.push([...changes]) },
      {
        now: () => 1_000,
      },
    );
    await wrapped.transact([flagWrite(4)], [audit(config(3))]);
    expect(committed).toHaveLength(1);
    expect(handed).toEqual([
      [
        expect.objectContaining({
          project: 'shop',
          env: 'production',
          kind: 'flag',
          key: 'beta',
          version: 4,
          data: config(4),
          previous: config(3),
          changedAt: 1_000,
          committedAt: 1_000,
        }),
      ],
    ]);
    // The store writes the same time on the items: the stream's fan-out reads it from there.
    expect(times).toEqual([1_000]);
  });

  it('answers the write even when the hand-off fails, and reports the failure', async () => {
    const { store, committed } = fakeStore();
    const failures: unknown[] = [];
    const wrapped = handingOff(
      store,
      {
        handOff: async () => {
          throw new Error('throttled');
        },
      },
      { onFailure: (error) => failures.push(error) },
    );
    await expect(wrapped.transact([flagWrite(2)], [])).resolves.toBeUndefined();
    expect(committed).toHaveLength(1);
    expect(String(failures[0])).toContain('throttled');
  });

  it('hands off nothing when the write fails, or when it changes no flag or segment item', async () => {
    const handed: unknown[] = [];
    const handoff = { handOff: async (changes: readonly ItemChange[]) => void handed.push(changes) };
    await expect(handingOff(fakeStore(true).store, handoff).transact([flagWrite(2)], [])).rejects.toThrow(
      'conflict',
    );
    await handingOff(fakeStore().store, handoff).transact(
      [
        { ref: { kind: 'project', project: 'shop' }, value: { key: 'shop', name: 'Shop' } as never },
        { ...flagWrite(5), check: true },
      ],
      [],
    );
    expect(handed).toEqual([]);
  });

  it('leaves every other method to the store', async () => {
    const { store } = fakeStore();
    const wrapped = handingOff(store, { handOff: async () => {} });
    expect(await wrapped.listEnvironments('shop')).toEqual([]);
  });
});

describe('markedHandoff', () => {
  const changes: ItemChange[] = [
    { project: 'shop', env: 'production', kind: 'flag', key: 'beta', version: 4, sequence: 'c' },
  ];
  const handoff = (fail: boolean) => ({
    handOff: async () => {
      if (fail) throw new Error('TooManyRequestsException');
    },
  });
  const marked = async (marks: MemoryPostedMarks) =>
    (await marks.read({ project: 'shop', env: 'production' }, changes)).get('flag#beta#4')?.handedOff;

  it('marks the changes as handed over beside a hand-off that succeeds', async () => {
    const marks = new MemoryPostedMarks();
    await markedHandoff(handoff(false), marks).handOff(changes);
    expect(marks.writes).toEqual(['handed off']);
    expect(await marked(marks)).toBe(true);
  });

  it('takes the mark back when the hand-off fails, and still fails', async () => {
    const marks = new MemoryPostedMarks();
    await expect(markedHandoff(handoff(true), marks).handOff(changes)).rejects.toThrow('TooManyRequests');
    expect(marks.writes).toEqual(['handed off', 'withdrawn']);
    expect(await marked(marks)).toBe(false);
  });

  it('hands off without the mark when the mark cannot be written', async () => {
    const marks = new MemoryPostedMarks();
    marks.failing = new Error('ProvisionedThroughputExceededException');
    const handedOff: unknown[] = [];
    const counting = { handOff: async (c: readonly ItemChange[]) => void handedOff.push(c) };
    await markedHandoff(counting, marks).handOff(changes);
    expect(handedOff).toEqual([changes]);
  });
});
