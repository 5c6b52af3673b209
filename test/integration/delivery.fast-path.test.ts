import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { localCredentials, localDynamoClient, localRegion } from '@switchboard/local/engines/dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoPartClaims } from '../../lambdas/adapters/dynamodb/part-claims.js';
import { changeFromRecord } from '../../lambdas/adapters/dynamodb/stream-records.js';
import type { ItemChange } from '../../lambdas/domain/delivery.js';
import { type Call, controlPlane, ENV, FLAG, P, SEGMENT } from '../helpers/control-plane.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * The fast path hands delivery what the stream will carry: every committed flag and segment change
 * of the real services on DynamoDB Local, compared with the flags table's stream records read back.
 */
let call: Call;
let admin: string;
let flagsTable: string;
const handedOff: ItemChange[] = [];
let failHandoff = false;

/** Every flag or segment change on the flags table's stream so far, as the fan-out reads it. */
async function streamChanges(): Promise<ItemChange[]> {
  const endpoint = inject('dynamoEndpoint');
  const dynamodb = localDynamoClient(endpoint);
  const streams = new DynamoDBStreamsClient({ endpoint, region: localRegion, credentials: localCredentials });
  try {
    const table = await dynamodb.send(new DescribeTableCommand({ TableName: flagsTable }));
    const arn = table.Table?.LatestStreamArn as string;
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    const changes: ItemChange[] = [];
    for (const shard of description.StreamDescription?.Shards ?? []) {
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) {
          const change = changeFromRecord(record as unknown as DynamoDBRecord);
          if (change) changes.push(change);
        }
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return changes;
  } finally {
    dynamodb.destroy();
    streams.destroy();
  }
}

/**
 * What both paths must agree on: everything but the stream's own bookkeeping, and the exact time
 * too, but for a deletion (whose stream record has no item to read it from).
 */
const comparable = ({ sequence: _s, changedAt: _c, committedAt, ...change }: ItemChange) =>
  change.data === undefined ? change : { ...change, committedAt };

beforeAll(async () => {
  flagsTable = (await createIsolatedTables()).flags as string;
  ({ call, adminToken: admin } = await controlPlane({
    handoff: {
      handOff: async (changes) => {
        if (failHandoff) throw new Error('Lambda refused the invocation');
        handedOff.push(...changes);
      },
    },
  }));
});

describe('the fast path', () => {
  it('hands off exactly the changes the stream carries, with their previous images', async () => {
    const shop = { project: 'shop' };
    const created = (status: number) => expect(status).toBeLessThan(300);
    created(
      (await call('POST', '/api/v1/projects', { token: admin, body: { key: 'shop', name: 'S' } })).status,
    );
    for (const env of ['production', 'staging']) {
      const response = await call('POST', `${P}/environments`, {
        token: admin,
        params: shop,
        body: { key: env, name: env },
      });
      created(response.status);
    }
    const flag = { ...shop, flag: 'checkout' };
    created(
      (await call('POST', `${P}/flags`, { token: admin, params: shop, body: { key: 'checkout', name: 'C' } }))
        .status,
    );
    created(
      (
        await call('PATCH', FLAG, {
          token: admin,
          params: flag,
          query: { env: 'production' },
          body: { instructions: [{ kind: 'turnFlagOn' }] },
        })
      ).status,
    );
    // A number past 2^53 reaches the fan-out by either path as JSON reads it (not as a bigint).
    created(
      (
        await call('POST', `${P}/flags`, {
          token: admin,
          params: shop,
          body: { key: 'limits', name: 'L', variations: [{ value: 1e20 }, { value: 0.5 }] },
        })
      ).status,
    );
    // A project-level field is copied into every environment's item: two changes in one commit.
    created(
      (
        await call('PATCH', FLAG, {
          token: admin,
          params: flag,
          body: [{ op: 'replace', path: '/clientSideAvailability/usingEnvironmentId', value: true }],
        })
      ).status,
    );
    const at = { ...shop, env: 'production' };
    created(
      (
        await call('POST', `${ENV}/segments`, {
          token: admin,
          params: at,
          body: { key: 'beta', name: 'Beta', included: ['ada'] },
        })
      ).status,
    );
    created(
      (
        await call('PATCH', SEGMENT, {
          token: admin,
          params: { ...at, segment: 'beta' },
          body: { instructions: [{ kind: 'addIncludedTargets', values: ['bob'] }] },
        })
      ).status,
    );
    created((await call('DELETE', SEGMENT, { token: admin, params: { ...at, segment: 'beta' } })).status);
    created((await call('DELETE', FLAG, { token: admin, params: flag })).status);

    const stream = await streamChanges();
    expect(stream.length).toBeGreaterThanOrEqual(10);
    expect(handedOff.map(comparable)).toEqual(stream.map(comparable));
    const limits = stream.find((change) => change.key === 'limits');
    expect(limits?.data?.variations).toEqual([1e20, 0.5]);
    expect(handedOff.every((change) => typeof change.changedAt === 'number')).toBe(true);
    expect(handedOff.every((change) => typeof change.committedAt === 'number')).toBe(true);
  });

  it('answers a write whose hand-off fails as usual: committed, and left to the stream', async () => {
    failHandoff = true;
    const before = handedOff.length;
    const response = await call('POST', `${P}/flags`, {
      token: admin,
      params: { project: 'shop' },
      body: { key: 'late', name: 'Late' },
    });
    failHandoff = false;
    expect(response.status).toBe(201);
    expect(handedOff).toHaveLength(before);
    const onStream = (await streamChanges()).filter((change) => change.key === 'late');
    expect(onStream.map(({ env, version }) => ({ env, version }))).toEqual([
      { env: 'production', version: 1 },
      { env: 'staging', version: 1 },
    ]);
  });

  it('lets exactly one replica claim a part of a hand-off, and records when the claim expires', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    try {
      const claims = new DynamoPartClaims(documents, () => 1_000_000);
      const race = await Promise.all([0, 1, 2].map(() => claims.claim('handoff-1', 3)));
      expect(race.filter(Boolean)).toHaveLength(1);
      expect(await claims.claim('handoff-1', 4)).toBe(true);
      expect(await claims.claim('handoff-2', 3)).toBe(true);
      const item = await documents.send(
        new GetCommand({
          TableName: process.env.CONNECTIONS_TABLE,
          Key: { pk: 'HANDOFF#handoff-1', sk: 'PART#3' },
        }),
      );
      expect(item.Item?.ttl).toBe(1_000 + 600);
    } finally {
      documents.destroy();
    }
  });
});
