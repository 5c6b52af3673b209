import { changesOfCommit } from '../domain/committed-changes.js';
import type { ItemChange } from '../domain/delivery.js';
import type { HandoffMarks } from './delivery-ports.js';
import type { ControlStore } from './ports.js';

/**
 * Hands committed flag and segment changes straight to delivery (the fast path; an asynchronous
 * Lambda `Invoke` of the fan-out on AWS). The flags table's stream still delivers every change, so a
 * hand-off may fail: it only makes delivery later, never loses a change.
 */
export interface ChangeHandoff {
  handOff(changes: readonly ItemChange[]): Promise<void>;
}

export interface HandoffOptions {
  readonly now?: () => number;
  /** Told about a hand-off that failed (the stream delivers its changes). @default console.warn */
  readonly onFailure?: (error: unknown, changes: readonly ItemChange[]) => void;
}

/**
 * `handoff` with its changes marked as handed over (`HandoffMarks`) beside it, so that the stream's
 * fan-out waits for the fast path's marks rather than posting before the fast path has read its
 * slices; a failed hand-off takes the mark back, so the stream posts at once. A mark that cannot be
 * written or taken back costs duplicate posts or a wait, never a lost change.
 *
 * @example
 * const handoff = markedHandoff(new LambdaChangeHandoff(), new DynamoHandoffMarks(client));
 */
export function markedHandoff(handoff: ChangeHandoff, marks: HandoffMarks): ChangeHandoff {
  return {
    async handOff(changes) {
      const marked = marks.handedOff(changes).then(
        () => true,
        () => false,
      );
      try {
        await handoff.handOff(changes);
      } catch (error) {
        if (await marked) await marks.withdrawn(changes).catch(() => undefined);
        throw error;
      }
      await marked;
    },
  };
}

let commits = 0;

/**
 * The store the control plane writes through, with every committed transaction's flag and segment
 * changes handed to `handoff` before `transact` returns (so before the API answers: a Lambda is
 * frozen once it has answered). A failed hand-off is reported and swallowed: the write is committed
 * and the stream delivers it. Every other method is the store's own; a Proxy rather than a class
 * that lists them, so methods added to `ControlStore` later pass through unchanged.
 *
 * @example
 * const store = handingOff(new DynamoControlStore(client), new LambdaChangeHandoff());
 * await store.transact(writes, audit); // committed, and on its way to the fan-out
 */
export function handingOff(
  store: ControlStore,
  handoff: ChangeHandoff,
  options: HandoffOptions = {},
): ControlStore {
  const now = options.now ?? Date.now;
  const onFailure =
    options.onFailure ??
    ((error: unknown, changes: readonly ItemChange[]) =>
      console.warn(
        JSON.stringify({
          message: 'fast path: hand-off failed; the stream delivers the change',
          changes: changes.length,
          error: String(error),
        }),
      ));
  // The items and the hand-off carry one time, so both paths ask for acks against the same commit time.
  const transact: ControlStore['transact'] = async (writes, audit, writtenAt = now()) => {
    await store.transact(writes, audit, writtenAt);
    commits += 1;
    const changes = changesOfCommit(writes, audit, writtenAt, `commit-${commits}`);
    if (changes.length === 0) return;
    try {
      await handoff.handOff(changes);
    } catch (error) {
      onFailure(error, changes);
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'transact') return transact;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
