import { describe, expect, it } from 'vitest';
import {
  encodeMessages,
  groupByEnvironment,
  type ItemChange,
  MAX_MESSAGE_BYTES,
  REFETCH,
} from './delivery.js';

let sequence = 0;
const change = (key: string, version: number, overrides: Partial<ItemChange> = {}): ItemChange => ({
  project: 'p',
  env: 'production',
  kind: 'flag',
  key,
  version,
  data: { key, version, on: true },
  sequence: String(++sequence).padStart(4, '0'),
  ...overrides,
});

const summary = (changes: readonly ItemChange[]) => changes.map((c) => `${c.kind}:${c.key}@${c.version}`);

describe('groupByEnvironment', () => {
  it.each([
    {
      name: 'keeps a lone change',
      batch: [change('a', 1)],
      expected: { 'p#production': ['flag:a@1'] },
    },
    {
      name: 'coalesces several changes of one item to the newest version',
      batch: [change('a', 3), change('a', 5), change('a', 4)],
      expected: { 'p#production': ['flag:a@5'] },
    },
    {
      name: 'keeps the newest even when it is a deletion',
      batch: [change('a', 3), change('a', 4, { data: undefined })],
      expected: { 'p#production': ['flag:a@4'] },
    },
    {
      name: 'puts segments before flags, otherwise stream order',
      batch: [change('b', 1), change('s', 2, { kind: 'segment' }), change('a', 1)],
      expected: { 'p#production': ['segment:s@2', 'flag:b@1', 'flag:a@1'] },
    },
    {
      name: 'tells a flag and a segment of the same key apart',
      batch: [change('x', 1), change('x', 1, { kind: 'segment' })],
      expected: { 'p#production': ['segment:x@1', 'flag:x@1'] },
    },
    {
      name: 'separates environments and projects',
      batch: [change('a', 1), change('a', 2, { env: 'staging' }), change('a', 3, { project: 'q' })],
      expected: { 'p#production': ['flag:a@1'], 'p#staging': ['flag:a@2'], 'q#production': ['flag:a@3'] },
    },
  ])('$name', ({ batch, expected }) => {
    const groups = groupByEnvironment(batch);
    expect(
      Object.fromEntries(groups.map((g) => [`${g.locator.project}#${g.locator.env}`, summary(g.changes)])),
    ).toEqual(expected);
  });

  it('remembers each environment’s first record, where a retry has to start', () => {
    const batch = [change('a', 1), change('b', 1, { env: 'staging' }), change('a', 2)];
    const groups = groupByEnvironment(batch);
    expect(groups.map((g) => g.firstSequence)).toEqual([batch[0]?.sequence, batch[1]?.sequence]);
  });

  it('carries the item as it was before the batch’s first change of it, and the earliest time', () => {
    const batch = [
      change('a', 4, { previous: { key: 'a', version: 3 }, changedAt: 2000 }),
      change('a', 6, { previous: { key: 'a', version: 5 }, changedAt: 3000 }),
      change('a', 5, { previous: { key: 'a', version: 4 }, changedAt: 1000 }),
    ];
    const [group] = groupByEnvironment(batch);
    expect(group?.changes).toMatchObject([{ version: 6, previous: { version: 3 } }]);
    expect(group?.firstChangedAt).toBe(1000);
  });

  it('returns nothing for an empty batch', () => {
    expect(groupByEnvironment([])).toEqual([]);
  });
});

describe('encodeMessages', () => {
  it('writes patches and deletes of protocol v1, in order', () => {
    const frames = encodeMessages([
      change('s', 2, { kind: 'segment', data: { key: 's', version: 2, included: ['u'] } }),
      change('a', 7, { data: undefined }),
    ]);
    expect(frames.map((f) => JSON.parse(f))).toEqual([
      {
        type: 'patch',
        kind: 'segment',
        key: 's',
        version: 2,
        data: { key: 's', version: 2, included: ['u'] },
      },
      { type: 'delete', kind: 'flag', key: 'a', version: 7 },
    ]);
  });

  it.each([
    { name: 'exactly at the limit', extra: 0, refetch: false },
    { name: 'one byte over the limit', extra: 1, refetch: true },
  ])('replaces a frame $name with one refetch at the end', ({ extra, refetch }) => {
    const frameOf = (padding: string) =>
      JSON.stringify({
        type: 'patch',
        kind: 'flag',
        key: 'big',
        version: 1,
        data: { key: 'big', version: 1, description: padding },
      });
    const overhead = frameOf('').length;
    const big = change('big', 1, {
      data: { key: 'big', version: 1, description: 'x'.repeat(MAX_MESSAGE_BYTES - overhead + extra) },
    });
    const frames = encodeMessages([big, change('small', 1)]);
    expect(frames).toHaveLength(2);
    expect(frames[0]?.includes('"big"')).toBe(!refetch);
    expect(frames.at(-1) === REFETCH).toBe(refetch);
    expect(frames.some((f) => f.includes('"small"'))).toBe(true);
  });

  it('counts bytes, not characters', () => {
    const overhead =
      encodeMessages([change('u', 1, { data: { key: 'u', version: 1, d: '' } })])[0]?.length ?? 0;
    // Each "é" is two bytes in UTF-8: a frame within the limit in characters is over it in bytes.
    const wide = change('u', 1, {
      data: { key: 'u', version: 1, d: 'é'.repeat(MAX_MESSAGE_BYTES - overhead) },
    });
    expect(encodeMessages([wide])).toEqual([REFETCH]);
  });

  it('sends a single refetch however many frames are too big', () => {
    const huge = { key: 'h', version: 1, blob: 'x'.repeat(MAX_MESSAGE_BYTES) };
    expect(encodeMessages([change('h1', 1, { data: huge }), change('h2', 1, { data: huge })])).toEqual([
      REFETCH,
    ]);
  });
});
