import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MemoryConnectionStore, RecordingCloser } from '../test/helpers/delivery-fakes.js';
import { streamRecord } from '../test/helpers/stream-records.js';
import { createRevokerHandler } from './revoker.js';

const removal = (sequence: string, env: string): DynamoDBRecord =>
  streamRecord(
    'REMOVE',
    { pk: `SDKKEY#${sequence}`, sk: 'SDKKEY' },
    { OldImage: { project: 'p', env } },
    sequence,
  );

function setup(closer = new RecordingCloser()) {
  const connections = new MemoryConnectionStore(2);
  for (const env of ['production', 'staging']) {
    connections.fill({ project: 'p', env }, 2, env, 0).forEach((id) => {
      Object.assign(connections.connections.get(id) as object, { credential: 'sdkKey:removed' });
    });
  }
  const reads: string[] = [];
  const handler = createRevokerHandler({
    slices: 2,
    connections,
    closer,
    repeatAfterMs: 0,
    // Both environments are gone: every one of their connections is closed.
    access: async ({ env }) => void reads.push(env),
  });
  return { connections, closer, handler, reads };
}

describe('revoker', () => {
  it('revokes each environment that lost a credential once per batch', async () => {
    const { connections, closer, handler, reads } = setup();
    const result = await handler({ Records: [removal('1', 'production'), removal('2', 'production')] });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(reads).toEqual(['production']);
    expect(closer.closed.sort()).toEqual(['production-00000', 'production-00001']);
    expect([...connections.connections.keys()].sort()).toEqual(['staging-00000', 'staging-00001']);
  });

  it('reports the first record of an environment it could not finish, and only that one', async () => {
    const closer = new RecordingCloser();
    closer.close = async (connectionId) => {
      if (connectionId.startsWith('staging')) throw new Error('TooManyRequestsException');
      return 'closed';
    };
    const { handler } = setup(closer);
    const result = await handler({
      Records: [removal('1', 'production'), removal('2', 'staging'), removal('3', 'staging')],
    });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  });
});
