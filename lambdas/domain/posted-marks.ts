/**
 * What the fast path records about its posts, and how the stream's fan-out reads it to skip posting a
 * change again to server connections the fast path already reached (docs/delivery.md, "Duplicates").
 * Pure: the marks come from the connections table, the decision is made here.
 */
import type { EnvironmentLocator } from '../services/ports.js';
import type { ItemChange } from './delivery.js';

/** One change's marks: per slice, whether the fast path posted it to all of the slice's servers. */
export interface ChangeMarks {
  /**
   * Slices whose every server connection got the change from the fast path, each with the time
   * (epoch ms) the fast path began reading the slice: connections registered after it were not
   * in its page.
   */
  readonly posted: ReadonlyMap<number, number>;
  /** Slices a fast-path invocation is posting the change to and has not settled yet. */
  readonly posting: ReadonlySet<number>;
  /**
   * Slices the fast path read and left to the stream: a slice larger than its share, a failed read
   * or a failed post.
   */
  readonly declined: ReadonlySet<number>;
  /**
   * Whether the write path handed the change to the fast path (its mark is written beside the
   * `Invoke`s, before the fast path has read a slice): every slice not declined is then waited for.
   */
  readonly handedOff: boolean;
}

/** What the stream's fan-out does with a slice's server connections. */
export type SliceVerdict =
  /** Post to them: the fast path did not (all of) the batch's changes there. */
  | { readonly action: 'post' }
  /** Wait and read the marks again: the fast path is still posting there. */
  | { readonly action: 'wait' }
  /** Skip those registered before `before`: the fast path posted every change to them. */
  | { readonly action: 'skip'; readonly before: number };

/** The key of one change's marks: the same for the fast path's change and the stream's. */
export const markKey = (change: Pick<ItemChange, 'kind' | 'key' | 'version'>): string =>
  `${change.kind}#${change.key}#${change.version}`;

/** How the partition key of every marks item begins: the write path may update those items only. */
export const POSTED_PREFIX = 'POSTED#';

/** Where one change's marks are kept: one item per environment and change. */
export const markItemKey = (change: EnvironmentLocator & Pick<ItemChange, 'kind' | 'key' | 'version'>) => ({
  pk: `${POSTED_PREFIX}${change.project}#${change.env}`,
  sk: markKey(change),
});

/**
 * A slice's verdict for one environment's changes of a batch: skip only if the fast path posted
 * every one of them to the slice (from the earliest of its reads); wait if, for each of the others,
 * it is still posting it there or was handed it and has not declined the slice; post otherwise.
 *
 * @example
 * sliceVerdict([v4 of a], new Map([['flag#a#4', { posted: new Map([[3, 1000]]), posting: new Set() }]]), 3);
 * // → { action: 'skip', before: 1000 }
 */
export function sliceVerdict(
  changes: readonly Pick<ItemChange, 'kind' | 'key' | 'version'>[],
  marks: ReadonlyMap<string, ChangeMarks>,
  slice: number,
): SliceVerdict {
  let before = Number.POSITIVE_INFINITY;
  let waiting = false;
  for (const change of changes) {
    const mark = marks.get(markKey(change));
    const postedAt = mark?.posted.get(slice);
    if (postedAt !== undefined) before = Math.min(before, postedAt);
    else if (mark && pending(mark, slice)) waiting = true;
    else return { action: 'post' };
  }
  if (changes.length === 0) return { action: 'post' };
  return waiting ? { action: 'wait' } : { action: 'skip', before };
}

/** Whether the fast path may still post the change to `slice`. */
const pending = (mark: ChangeMarks, slice: number): boolean =>
  mark.posting.has(slice) || (mark.handedOff && !mark.declined.has(slice));
