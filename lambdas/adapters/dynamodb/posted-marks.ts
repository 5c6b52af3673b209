import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemChange } from '../../domain/delivery.js';
import { type ChangeMarks, markItemKey } from '../../domain/posted-marks.js';
import type { PostedMarks } from '../../services/delivery-ports.js';
import type { EnvironmentLocator } from '../../services/ports.js';
import { tableName } from '../config.js';
import { HANDED_OFF_ATTRIBUTE } from './handoff-marks.js';
import { updateMarkItems } from './mark-items.js';
import { batchGetAll } from './query.js';

const MARK_ATTRIBUTE = /^([pdn])(\d+)$/;

const markKeyOf = (locator: EnvironmentLocator, change: ItemChange) => markItemKey({ ...change, ...locator });

/**
 * The fast path's marks in the connections table: `POSTED#{p}#{e}` / `{kind}#{key}#{version}`, one
 * item per change, with `h` once the write path handed the change over (`DynamoHandoffMarks`),
 * `p{slice}` while an invocation posts the change to a slice, `d{slice}` (when it began reading the
 * slice) once it posted to all of it, and `n{slice}` for a slice it left to the stream. Each part
 * writes only its own slices' attributes, so the parts' updates never overwrite each other. The
 * items expire after ten minutes.
 *
 * @example
 * const marks = new DynamoPostedMarks(sharedDocumentClient());
 * await marks.posting(locator, changes, [3, 11]);
 * await marks.settle(locator, changes, new Map([[3, readAt]]), [3, 11]); // 11 had a failed post
 */
export class DynamoPostedMarks implements PostedMarks {
  private readonly table = tableName('connections');

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly now: () => number = Date.now,
  ) {}

  async posting(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
    slices: readonly number[],
    declined: readonly number[],
  ): Promise<void> {
    if (slices.length === 0 && declined.length === 0) return;
    await this.update(
      locator,
      changes,
      [
        ...slices.map((slice) => [`p${slice}`, 1] as const),
        ...declined.map((slice) => [`n${slice}`, 1] as const),
      ],
      [],
    );
  }

  async settle(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
    posted: ReadonlyMap<number, number>,
    settled: readonly number[],
  ): Promise<void> {
    if (posted.size === 0 && settled.length === 0) return;
    await this.update(
      locator,
      changes,
      [
        ...[...posted].map(([slice, at]) => [`d${slice}`, at] as const),
        ...settled.filter((slice) => !posted.has(slice)).map((slice) => [`n${slice}`, 1] as const),
      ],
      settled.map((slice) => `p${slice}`),
    );
  }

  async read(locator: EnvironmentLocator, changes: readonly ItemChange[]): Promise<Map<string, ChangeMarks>> {
    const items = await batchGetAll(
      this.client,
      this.table,
      changes.map((change) => markKeyOf(locator, change)),
      undefined,
      true,
    );
    return new Map(items.map((item) => [item.sk as string, marksOf(item)]));
  }

  private async update(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
    set: readonly (readonly [string, number])[],
    remove: readonly string[],
  ): Promise<void> {
    const keys = changes.map((change) => markKeyOf(locator, change));
    await updateMarkItems(this.client, keys, set, remove, this.now());
  }
}

function marksOf(item: Record<string, unknown>): ChangeMarks {
  const posted = new Map<number, number>();
  const posting = new Set<number>();
  const declined = new Set<number>();
  for (const [attribute, value] of Object.entries(item)) {
    const match = MARK_ATTRIBUTE.exec(attribute);
    if (!match || typeof value !== 'number') continue;
    const slice = Number(match[2]);
    if (match[1] === 'd') posted.set(slice, value);
    else if (match[1] === 'n') declined.add(slice);
    else posting.add(slice);
  }
  return { posted, posting, declined, handedOff: item[HANDED_OFF_ATTRIBUTE] !== undefined };
}
