import { describe, expect, it } from 'vitest';
import { MemoryPostedMarks } from '../../test/helpers/delivery-fakes.js';
import type { ChangeMarks } from '../domain/posted-marks.js';
import { PartMarking, watchPosted } from './posted-marking.js';

const change = { kind: 'flag', key: 'a', version: 4 } as const;
const marks = (posted: [number, number][], posting: number[], handedOff = false): Map<string, ChangeMarks> =>
  new Map([
    ['flag#a#4', { posted: new Map(posted), posting: new Set(posting), declined: new Set(), handedOff }],
  ]);

/** A clock that only moves when the watch sleeps, and the reads it made. */
function fakeTime(states: Map<string, ChangeMarks>[]) {
  let time = 0;
  let reads = 0;
  return {
    reads: () => reads,
    options: {
      waitMs: 100,
      pollMs: 10,
      now: () => time,
      sleep: async (ms: number) => {
        time += ms;
      },
    },
    read: async () => {
      const state = states[Math.min(reads, states.length - 1)] as Map<string, ChangeMarks>;
      reads += 1;
      return state;
    },
  };
}

describe('watchPosted', () => {
  it('skips a posted slice and posts an unmarked one after a single read, made when first asked', async () => {
    const time = fakeTime([marks([[3, 500]], [])]);
    const verdict = watchPosted(time.read, [change], time.options);
    expect(time.reads()).toBe(0);
    expect(await verdict(3)).toEqual({ action: 'skip', before: 500 });
    expect(await verdict(4)).toEqual({ action: 'post' });
    expect(time.reads()).toBe(1);
  });

  it('waits for a slice being posted to, sharing each poll between the slices waiting', async () => {
    const time = fakeTime([marks([], [3, 5]), marks([[3, 500]], [5]), marks([[3, 500]], [])]);
    const verdict = watchPosted(time.read, [change], time.options);
    const [three, five] = await Promise.all([verdict(3), verdict(5)]);
    expect(three).toEqual({ action: 'skip', before: 500 });
    // The fast path settled slice 5 without posting it all (a post failed): the stream posts.
    expect(five).toEqual({ action: 'post' });
    expect(time.reads()).toBe(3);
  });

  it('waits for a change handed to the fast path before its part has marked the slice', async () => {
    const time = fakeTime([marks([], [], true), marks([], [3], true), marks([[3, 500]], [], true)]);
    const verdict = watchPosted(time.read, [change], time.options);
    expect(await verdict(3)).toEqual({ action: 'skip', before: 500 });
    expect(time.reads()).toBe(3);
    // A part that never starts leaves only the hand-off's mark: the stream posts after its wait.
    const never = fakeTime([marks([], [], true)]);
    expect(await watchPosted(never.read, [change], never.options)(3)).toEqual({ action: 'post' });
    expect(never.options.now()).toBeGreaterThanOrEqual(100);
  });

  it('posts once the wait runs out: a fast path that crashed leaves its posting mark behind', async () => {
    const time = fakeTime([marks([], [3])]);
    const verdict = watchPosted(time.read, [change], time.options);
    expect(await verdict(3)).toEqual({ action: 'post' });
    expect(time.options.now()).toBeGreaterThanOrEqual(100);
    expect(time.reads()).toBe(11);
  });

  it('posts when the marks cannot be read', async () => {
    const verdict = watchPosted(
      () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
      [change],
      { waitMs: 100, pollMs: 10, now: () => 0 },
    );
    expect(await verdict(3)).toEqual({ action: 'post' });
  });
});

describe('PartMarking', () => {
  const locator = { project: 'p', env: 'production' };
  const changes = [{ ...locator, kind: 'flag' as const, key: 'a', version: 4, sequence: '1' }];

  it('writes once when all its slices are read and once when their posts are done, in that order', async () => {
    const marks = new MemoryPostedMarks();
    const marking = new PartMarking(marks, locator, changes, 500, [3, 11, 19]);
    marking.read(3, true);
    marking.done(3, true);
    marking.read(19, false);
    expect(marks.writes).toEqual([]);
    marking.read(11, true);
    marking.done(11, false);
    await marking.finished();
    expect(marks.writes).toEqual(['posting 3,11 declining 19', 'settle 3 of 3,11']);
    expect((await marks.read(locator, changes)).get('flag#a#4')).toEqual({
      posted: new Map([[3, 500]]),
      posting: new Set(),
      declined: new Set([11, 19]),
      handedOff: false,
    });
  });

  it('declines every slice it posts to in no part, in one write, and never rejects when the marks fail', async () => {
    const marks = new MemoryPostedMarks();
    const none = new PartMarking(marks, locator, changes, 500, [1, 2]);
    none.read(1, false);
    none.read(2, false);
    await none.finished();
    expect(marks.writes).toEqual(['posting  declining 1,2']);
    marks.failing = new Error('ProvisionedThroughputExceededException');
    const failing = new PartMarking(marks, locator, changes, 500, [1]);
    failing.read(1, true);
    failing.done(1, true);
    await expect(failing.finished()).resolves.toBeUndefined();
  });
});
