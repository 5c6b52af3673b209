import type { ItemChange } from '../domain/delivery.js';
import { type ChangeMarks, type SliceVerdict, sliceVerdict } from '../domain/posted-marks.js';
import type { PostedMarks } from './delivery-ports.js';
import type { EnvironmentLocator } from './ports.js';

export interface PostedWatchOptions {
  /** How long a slice the fast path is still posting to is waited for before posting anyway. */
  readonly waitMs: number;
  /** Time between two reads of the marks while a slice is waited for. */
  readonly pollMs: number;
  readonly now: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const POST: SliceVerdict = { action: 'post' };
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The stream's fan-out following the fast path's marks of one environment's changes: the verdict for
 * a slice resolves as soon as the marks settle it — `skip` once the fast path has posted every change
 * there, `post` if it has not begun or gave up (a failed post), the read failed or the wait ran
 * out. Never `wait`. Slices waiting together share one read per poll; nothing is read until a
 * slice asks.
 *
 * The wait is what keeps the stream a safety net: a fast path that crashed mid-post leaves its
 * `posting` marks behind, and the stream posts once `waitMs` has passed.
 *
 * @example
 * const verdict = watchPosted(() => marks.read(locator, changes), changes, { waitMs: 1000, pollMs: 25, now: Date.now });
 * await verdict(3); // → { action: 'skip', before: 1733540000000 } or { action: 'post' }
 */
export function watchPosted(
  read: () => Promise<ReadonlyMap<string, ChangeMarks>>,
  changes: readonly Pick<ItemChange, 'kind' | 'key' | 'version'>[],
  options: PostedWatchOptions,
): (slice: number) => Promise<SliceVerdict> {
  const sleep = options.sleep ?? pause;
  const deadline = options.now() + options.waitMs;
  const attempt = () => read().catch(() => undefined);
  // Read when a slice first asks (one with server connections), so that an environment without
  // any reads nothing and no read is left in flight when the invocation ends.
  let latest: ReturnType<typeof attempt> | undefined;
  // The first slice to find a read stale starts the next one; the others wait for that same read.
  const after = (seen: typeof latest) => {
    if (latest === seen) latest = sleep(options.pollMs).then(attempt);
    return latest as ReturnType<typeof attempt>;
  };
  return async (slice) => {
    latest ??= attempt();
    let held = latest;
    for (;;) {
      const marks = await held;
      if (!marks) return POST;
      const verdict = sliceVerdict(changes, marks, slice);
      if (verdict.action !== 'wait') return verdict;
      if (options.now() >= deadline) return POST;
      held = after(held);
    }
  };
}

/**
 * One fast-path invocation's marks for an environment's changes: one `posting` write once all its
 * slices are read (those it posts to in full, and those it declines), one `settle` write once their
 * posts are done — two writes per part and change, however many slices the part has. An invocation
 * that lost its part's claim reads none of its slices here, so it writes nothing.
 *
 * @example
 * const marking = new PartMarking(marks, locator, changes, Date.now(), [3, 11]);
 * marking.read(3, true); marking.read(11, true); // → one `posting` write for 3 and 11, none declined
 * marking.done(3, true); marking.done(11, false); // → one `settle`: 3 posted, 11 not (a failed post)
 * await marking.finished();
 */
export class PartMarking {
  private readonly unread: Set<number>;
  private readonly whole: number[] = [];
  private readonly declined: number[] = [];
  private readonly posting = new Set<number>();
  private readonly posted = new Map<number, number>();
  private marked: Promise<void> = Promise.resolve();
  private settled: Promise<void> | undefined;

  constructor(
    private readonly marks: PostedMarks,
    private readonly locator: EnvironmentLocator,
    private readonly changes: readonly ItemChange[],
    /** When the invocation began reading its slices. */
    private readonly readAt: number,
    slices: readonly number[],
  ) {
    this.unread = new Set(slices);
  }

  /**
   * A slice's page is in (or failed): `whole` if this invocation posts to every connection of it,
   * else it is declined, left to the stream.
   */
  read(slice: number, whole: boolean): void {
    if (!this.unread.delete(slice)) return;
    if (whole) {
      this.whole.push(slice);
      this.posting.add(slice);
    } else {
      this.declined.push(slice);
    }
    if (this.unread.size > 0) return;
    this.marked = this.marks
      .posting(this.locator, this.changes, this.whole, this.declined)
      .catch(() => undefined);
    this.settleWhenDone();
  }

  /** A slice's posts are done; `ok` if none of them failed. */
  done(slice: number, ok: boolean): void {
    if (!this.posting.delete(slice)) return;
    if (ok) this.posted.set(slice, this.readAt);
    this.settleWhenDone();
  }

  /** Resolves once the marks are written (or failed to be: a lost mark costs duplicate posts). */
  finished(): Promise<void> {
    return this.settled ?? this.marked;
  }

  private settleWhenDone(): void {
    if (this.unread.size > 0 || this.posting.size > 0 || this.whole.length === 0 || this.settled) return;
    this.settled = (async () => {
      // After the `posting` write, or its removal could land first and leave it behind.
      await this.marked;
      await this.marks.settle(this.locator, this.changes, this.posted, this.whole).catch(() => undefined);
    })();
  }
}
