import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemChange } from '../../domain/delivery.js';
import { markItemKey } from '../../domain/posted-marks.js';
import type { HandoffMarks } from '../../services/delivery-ports.js';
import { updateMarkItems } from './mark-items.js';

/** The attribute of a change's marks item that says the write path handed the change over. */
export const HANDED_OFF_ATTRIBUTE = 'h';

/**
 * The write path's mark on each change's marks item (`DynamoPostedMarks`): `h`, when it handed the
 * change over. Only this attribute and `ttl` are written, so it never overwrites a fast-path part's
 * marks, whichever lands first.
 *
 * @example
 * const marks = new DynamoHandoffMarks(sharedDocumentClient());
 * await marks.handedOff(changes); // the stream now waits for the fast path's marks
 */
export class DynamoHandoffMarks implements HandoffMarks {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly now: () => number = Date.now,
  ) {}

  async handedOff(changes: readonly ItemChange[]): Promise<void> {
    const now = this.now();
    await updateMarkItems(this.client, changes.map(markItemKey), [[HANDED_OFF_ATTRIBUTE, now]], [], now);
  }

  async withdrawn(changes: readonly ItemChange[]): Promise<void> {
    await updateMarkItems(this.client, changes.map(markItemKey), [], [HANDED_OFF_ATTRIBUTE], this.now());
  }
}
