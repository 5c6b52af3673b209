import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoHandoffMarks } from '../../lambdas/adapters/dynamodb/handoff-marks.js';
import { DynamoPostedMarks } from '../../lambdas/adapters/dynamodb/posted-marks.js';
import type { ItemChange } from '../../lambdas/domain/delivery.js';
import { createIsolatedTables } from '../helpers/tables.js';

/** The fast path's marks in the connections table of DynamoDB Local. */
const locator = { project: 'shop', env: 'production' };
const change = (key: string, version: number): ItemChange => ({
  ...locator,
  kind: 'flag',
  key,
  version,
  sequence: 's',
});
let table: string;
let marks: DynamoPostedMarks;
let handoff: DynamoHandoffMarks;

beforeAll(async () => {
  table = (await createIsolatedTables()).connections as string;
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  marks = new DynamoPostedMarks(client, () => 1_800_000_000_000);
  handoff = new DynamoHandoffMarks(client, () => 1_800_000_000_000);
});

describe('DynamoPostedMarks', () => {
  it('keeps each part’s slices apart when parts mark and settle one change at once', async () => {
    const a = change('a', 3);
    await Promise.all([
      handoff.handedOff([a]),
      marks.posting(locator, [a], [0, 8], []),
      marks.posting(locator, [a], [1, 9], [17]),
      marks.posting(locator, [a], [2], []),
    ]);
    await Promise.all([
      marks.settle(
        locator,
        [a],
        new Map([
          [0, 100],
          [8, 100],
        ]),
        [0, 8],
      ),
      // Slice 9 had a failed post: settled, not posted.
      marks.settle(locator, [a], new Map([[1, 90]]), [1, 9]),
    ]);
    const read = await marks.read(locator, [a, change('b', 1)]);
    expect([...read.keys()]).toEqual(['flag#a#3']);
    expect(read.get('flag#a#3')).toEqual({
      posted: new Map([
        [0, 100],
        [1, 90],
        [8, 100],
      ]),
      posting: new Set([2]),
      // 17 was larger than the part's share; 9 had a failed post.
      declined: new Set([9, 17]),
      handedOff: true,
    });
  });

  it('takes a hand-off back without touching the parts’ marks', async () => {
    const a = change('w', 1);
    await handoff.handedOff([a]);
    await marks.posting(locator, [a], [4], []);
    await handoff.withdrawn([a]);
    expect((await marks.read(locator, [a])).get('flag#w#1')).toEqual({
      posted: new Map(),
      posting: new Set([4]),
      declined: new Set(),
      handedOff: false,
    });
  });

  it('marks every change of a batch, under its environment, and lets the items expire', async () => {
    const changes = [change('c', 1), { ...change('s', 4), kind: 'segment' as const }];
    await handoff.handedOff(changes);
    await marks.posting(locator, changes, [5], []);
    await marks.settle(locator, changes, new Map([[5, 42]]), [5]);
    const read = await marks.read(locator, changes);
    expect(read.get('segment#s#4')?.posted).toEqual(new Map([[5, 42]]));
    expect(await marks.read({ ...locator, env: 'staging' }, changes)).toEqual(new Map());
    const item = await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
      new GetCommand({ TableName: table, Key: { pk: 'POSTED#shop#production', sk: 'flag#c#1' } }),
    );
    expect(item.Item?.ttl).toBe(1_800_000_000 + 600);
  });
});
