import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemChange } from '../../domain/delivery.js';
import { markItemKey } from '../../domain/posted-marks.js';
import type { HandoffMarks } from '../../services/delivery-ports.js';
import { tableName } from '../config.js';

/** The attribute of a change's marks item that says the write path handed the change over. */
export const HANDED_OFF_ATTRIBUTE = 'h';

/** Marks outlive any stream delay by far, and then expire (the table's `ttl`): epoch seconds. */
export const markExpiry = (now: number): number => Math.floor(now / 1000) + 600;

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
  private readonly table = tableName('connections');

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly now: () => number = Date.now,
  ) {}

  async handedOff(changes: readonly ItemChange[]): Promise<void> {
    const now = this.now();
    await this.updateEach(changes, 'SET #h = :now, #ttl = :ttl', now, { ':now': now });
  }

  async withdrawn(changes: readonly ItemChange[]): Promise<void> {
    // The expiry is set again: the item must never outlive its `ttl`, whichever write made it.
    await this.updateEach(changes, 'REMOVE #h SET #ttl = :ttl', this.now());
  }

  private async updateEach(
    changes: readonly ItemChange[],
    expression: string,
    now: number,
    values: Record<string, number> = {},
  ): Promise<void> {
    await Promise.all(
      changes.map((change) =>
        this.client.send(
          new UpdateCommand({
            TableName: this.table,
            Key: markItemKey(change),
            UpdateExpression: expression,
            ExpressionAttributeNames: { '#h': HANDED_OFF_ATTRIBUTE, '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':ttl': markExpiry(now), ...values },
          }),
        ),
      ),
    );
  }
}
