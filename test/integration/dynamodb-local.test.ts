import { randomUUID } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { createTables, localDynamoClient } from '@switchboard/local/engines/dynamodb';
import { tableNamed } from '@switchboard/topology';
import { describe, expect, inject, it } from 'vitest';
import { createIsolatedTables } from '../helpers/tables.js';

describe('DynamoDB Local test engine', () => {
  it('creates the declared tables with their stream, indexes and TTL', async () => {
    const names = await createIsolatedTables();
    const client = localDynamoClient(inject('dynamoEndpoint'));
    const flags = await client.send(new DescribeTableCommand({ TableName: names.flags }));
    expect(flags.Table?.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    const audit = await client.send(new DescribeTableCommand({ TableName: names.audit }));
    expect(audit.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      tableNamed('audit')
        .globalSecondaryIndexes?.map((i) => i.indexName)
        .sort(),
    );
    client.destroy();
  });

  it('adds the indexes declared since to a table kept from an older declaration', async () => {
    const client = localDynamoClient(inject('dynamoEndpoint'));
    const analytics = tableNamed('analytics');
    const name = `t${randomUUID().slice(0, 8)}-analytics`;
    const { globalSecondaryIndexes: _declaredSince, ...older } = analytics;
    await createTables(client, [older], () => name);
    await createTables(client, [analytics], () => name);
    const table = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(table.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['eventsByEnv']);
    client.destroy();
  });
});
