import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChangeMarks, markKey, sliceVerdict } from './posted-marks.js';

const a4 = { kind: 'flag', key: 'a', version: 4 } as const;
const s2 = { kind: 'segment', key: 's', version: 2 } as const;
const marks = (
  posted: [number, number][],
  posting: number[] = [],
  handedOff = false,
  declined: number[] = [],
): ChangeMarks => ({
  posted: new Map(posted),
  posting: new Set(posting),
  declined: new Set(declined),
  handedOff,
});

describe('sliceVerdict', () => {
  it('skips a slice the fast path posted every change to, before the earliest of its reads', () => {
    const held = new Map([
      [markKey(a4), marks([[3, 1_000]])],
      [markKey(s2), marks([[3, 900]])],
    ]);
    expect(sliceVerdict([a4, s2], held, 3)).toEqual({ action: 'skip', before: 900 });
  });

  it('posts where one change has no mark, whatever the others have', () => {
    const held = new Map([[markKey(a4), marks([[3, 1_000]])]]);
    expect(sliceVerdict([a4, s2], held, 3)).toEqual({ action: 'post' });
    expect(sliceVerdict([a4], held, 4)).toEqual({ action: 'post' });
  });

  it('waits while the fast path is posting a change not yet posted there', () => {
    const held = new Map([
      [markKey(a4), marks([[3, 1_000]])],
      [markKey(s2), marks([], [3])],
    ]);
    expect(sliceVerdict([a4, s2], held, 3)).toEqual({ action: 'wait' });
  });

  it('waits for a slice of a change handed to the fast path before the fast path has marked it', () => {
    const held = new Map([[markKey(a4), marks([], [], true)]]);
    expect(sliceVerdict([a4], held, 3)).toEqual({ action: 'wait' });
  });

  it('posts a slice the fast path declined, and skips one it posted, of a change handed to it', () => {
    const held = new Map([[markKey(a4), marks([[5, 1_000]], [], true, [3])]]);
    expect(sliceVerdict([a4], held, 3)).toEqual({ action: 'post' });
    expect(sliceVerdict([a4], held, 5)).toEqual({ action: 'skip', before: 1_000 });
  });

  it('keys marks by version: another version of the item is not posted', () => {
    const held = new Map([[markKey({ ...a4, version: 3 }), marks([[3, 1_000]])]]);
    expect(sliceVerdict([a4], held, 3)).toEqual({ action: 'post' });
  });

  it('never skips a slice unless every change was posted to it (property)', () => {
    const change = fc.record({
      kind: fc.constantFrom('flag' as const, 'segment' as const),
      key: fc.constantFrom('a', 'b', 'c'),
      version: fc.integer({ min: 1, max: 3 }),
    });
    const mark = fc.record({
      posted: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(10_000)), { maxLength: 4 }),
      posting: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
      handedOff: fc.boolean(),
      declined: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('flag#a#1', 'flag#b#2', 'segment#c#1', 'flag#a#3'), mark),
        fc.integer({ min: 0, max: 3 }),
        (changes, raw, slice) => {
          const held = new Map(
            Object.entries(raw).map(([key, m]) => [
              key,
              marks(m.posted as [number, number][], m.posting, m.handedOff, m.declined),
            ]),
          );
          const verdict = sliceVerdict(changes, held, slice);
          const postedAt = changes.map((c) => held.get(markKey(c))?.posted.get(slice));
          if (verdict.action === 'skip') {
            expect(changes.length).toBeGreaterThan(0);
            expect(postedAt.every((t) => t !== undefined)).toBe(true);
            expect(verdict.before).toBe(Math.min(...(postedAt as number[])));
          }
          const pending = (c: (typeof changes)[number]) => {
            const m = held.get(markKey(c));
            return !!m && (m.posting.has(slice) || (m.handedOff && !m.declined.has(slice)));
          };
          if (verdict.action === 'wait') expect(changes.some(pending)).toBe(true);
          if (changes.some((c, i) => postedAt[i] === undefined && !pending(c)))
            expect(verdict.action).toBe('post');
          if (changes.length > 0 && postedAt.every((t) => t !== undefined))
            expect(verdict.action).toBe('skip');
        },
      ),
    );
  });
});
