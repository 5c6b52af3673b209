import { describe, expect, it } from 'vitest';
import { readCommittedEvent, readSliceTask } from './internal-messages.js';

const change = {
  project: 'shop',
  env: 'production',
  kind: 'flag',
  key: 'banner',
  version: 4,
  data: { key: 'banner', version: 4 },
  previous: { key: 'banner', version: 3 },
  changedAt: 1_700_000_000_000,
  sequence: 'api-7#0',
};

const task = {
  project: 'shop',
  env: 'production',
  slice: 3,
  startAfter: 'conn-9',
  frames: ['{"type":"patch"}'],
  client: {
    changes: [{ kind: 'segment', key: 'beta', version: 2, deleted: true, previous: { key: 'beta' } }],
    uncertainSince: 1_700_000_000_000,
    complete: false,
  },
  connections: ['conn-1'],
  attempt: 2,
  serversBefore: 1_700_000_000_000,
};

describe('readCommittedEvent', () => {
  it.each([
    [{ committed: [] }],
    [{ committed: [change] }],
    [{ committed: [{ ...change, data: undefined, previous: undefined, changedAt: undefined }] }],
    [{ committed: [change], part: { index: 7, of: 8 } }],
    [{ committed: [change], part: { index: 0, of: 8 }, handoff: 'a1b2' }],
  ])('accepts %j', (event) => {
    expect(readCommittedEvent(event)).toEqual({ ok: true, value: event });
  });

  it.each([
    { event: null, problem: 'the message: expected an object' },
    { event: {}, problem: 'committed: expected an array of 0+ items' },
    { event: { committed: [{ project: 'shop' }] }, problem: 'committed[0].env: expected a non-empty string' },
    {
      event: { committed: [{ ...change, kind: 'environment' }] },
      problem: 'committed[0].kind: expected "flag" or "segment"',
    },
    {
      event: { committed: [change, { ...change, version: 1.5 }] },
      problem: 'committed[1].version: expected an integer',
    },
    { event: { committed: [{ ...change, data: [] }] }, problem: 'committed[0].data: expected an object' },
    {
      event: { committed: [{ ...change, sequence: 7 }] },
      problem: 'committed[0].sequence: expected a string',
    },
    { event: { committed: [], handoff: '' }, problem: 'handoff: expected a non-empty string' },
    {
      event: { committed: [], part: { index: 8, of: 8 } },
      problem: 'part.index: expected an integer below `of`',
    },
    { event: { committed: [], part: { index: 0, of: 0 } }, problem: 'part.of: expected an integer ≥ 1' },
  ])('refuses $problem', ({ event, problem }) => {
    expect(readCommittedEvent(event)).toEqual({ ok: false, problem });
  });
});

describe('readSliceTask', () => {
  it.each([[task], [{ project: 'shop', env: 'production', slice: 0, frames: [''] }]])(
    'accepts %j',
    (event) => {
      expect(readSliceTask(event)).toEqual({ ok: true, value: event });
    },
  );

  it.each([
    { event: 'task', problem: 'the message: expected an object' },
    { event: { ...task, slice: -1 }, problem: 'slice: expected an integer ≥ 0' },
    { event: { ...task, startAfter: '' }, problem: 'startAfter: expected a non-empty string' },
    { event: { ...task, frames: [] }, problem: 'frames: expected an array of 1+ items' },
    { event: { ...task, frames: [{}] }, problem: 'frames[0]: expected a string' },
    {
      event: { ...task, client: { ...task.client, complete: 'yes' } },
      problem: 'client.complete: expected true or false',
    },
    {
      event: {
        ...task,
        client: { changes: [{ kind: 'flag', key: 'a', version: 1, deleted: false }], complete: true },
      },
      problem: 'client.changes[0].deleted: expected true',
    },
    {
      event: { ...task, client: { ...task.client, uncertainSince: Number.NaN } },
      problem: 'client.uncertainSince: expected a number',
    },
    { event: { ...task, connections: [] }, problem: 'connections: expected an array of 1–10000 items' },
    {
      event: { ...task, connections: Array.from({ length: 10_001 }, () => 'c') },
      problem: 'connections: expected an array of 1–10000 items',
    },
    { event: { ...task, attempt: 0 }, problem: 'attempt: expected an integer ≥ 1' },
    { event: { ...task, serversBefore: '1700000000000' }, problem: 'serversBefore: expected a number' },
  ])('refuses $problem', ({ event, problem }) => {
    expect(readSliceTask(event)).toEqual({ ok: false, problem });
  });
});
