import { describe, expect, it } from 'vitest';
import type { Write } from '../services/ports.js';
import { changesOfCommit, fastPathEvents } from './committed-changes.js';
import type { AuditEntry } from './response-schemas.js';

const at = { project: 'shop', env: 'production' };
const entry = (resource: 'flag' | 'segment', key: string, before?: unknown): AuditEntry => ({
  id: 'a',
  project: 'shop',
  env: 'production',
  time: '2026-12-06T00:00:00.000Z',
  actor: { id: 't', name: 'T' },
  action: 'update',
  resource,
  key,
  ...(before === undefined ? {} : { before: before as never }),
});

describe('changesOfCommit', () => {
  it('reads a segment put without its dashboard metadata, and its previous image from the audit', () => {
    const segment = { key: 'beta', version: 2, included: ['ada'], meta: { name: 'Beta' } };
    const writes: Write[] = [
      { ref: { kind: 'segment', ...at, segment: 'beta' }, value: segment as never, expect: 1 },
    ];
    expect(changesOfCommit(writes, [entry('segment', 'beta', { key: 'beta', version: 1 })], 5, 'c')).toEqual([
      {
        ...at,
        kind: 'segment',
        key: 'beta',
        version: 2,
        data: { key: 'beta', version: 2, included: ['ada'] },
        previous: { key: 'beta', version: 1 },
        changedAt: 5,
        committedAt: 5,
        sequence: 'c#0',
      },
    ]);
  });

  it('reads a delete as a tombstone one above the deleted version, and a put with no audit as created', () => {
    const writes: Write[] = [
      { ref: { kind: 'flagConfig', ...at, flag: 'old' }, expect: 7 },
      { ref: { kind: 'flagConfig', ...at, flag: 'new' }, value: { key: 'new', version: 1 } as never },
    ];
    const [deleted, created] = changesOfCommit(
      writes,
      [entry('flag', 'old', { key: 'old', version: 7 })],
      5,
      'c',
    );
    expect(deleted).toMatchObject({ kind: 'flag', key: 'old', version: 8, previous: { version: 7 } });
    expect(deleted?.data).toBeUndefined();
    expect(created).toMatchObject({ key: 'new', version: 1, sequence: 'c#1' });
    expect(created?.previous).toBeUndefined();
  });

  it('skips checks and items that are not per-environment flags or segments', () => {
    const writes: Write[] = [
      { ref: { kind: 'flag', project: 'shop', flag: 'beta' }, value: { key: 'beta' } as never },
      { ref: { kind: 'flagConfig', ...at, flag: 'beta' }, expect: 3, check: true },
      { ref: { kind: 'environmentSet', project: 'shop' }, value: { version: 2 } },
    ];
    expect(changesOfCommit(writes, [], 5, 'c')).toEqual([]);
  });
});

describe('fastPathEvents', () => {
  it('gives each part the same changes, and each replica every part with the hand-off id', () => {
    expect(fastPathEvents([], { parts: 2 })).toEqual([
      { committed: [], part: { index: 0, of: 2 } },
      { committed: [], part: { index: 1, of: 2 } },
    ]);
    const hedged = fastPathEvents([], { parts: 2, replicas: 2, handoff: 'h' });
    expect(hedged.map((e) => [e.part?.index, e.handoff])).toEqual([
      [0, 'h'],
      [1, 'h'],
      [0, 'h'],
      [1, 'h'],
    ]);
  });

  it('refuses replicas without a hand-off id to claim parts by', () => {
    expect(() => fastPathEvents([], { replicas: 2 })).toThrow(/hand-off id/);
  });
});
