import { beforeAll, describe, expect, it } from 'vitest';
import { createAggregatorHandler } from '../../lambdas/aggregator.js';
import { createWebSocketHandlers, type WebSocketEvent } from '../../lambdas/websocket.js';
import { type Call, controlPlane, ENV, P, seedProject } from '../helpers/control-plane.js';
import { kinesisEvent, kinesisRecord } from '../helpers/kinesis-events.js';
import { createIsolatedTables } from '../helpers/tables.js';
import { connectEvent } from '../helpers/ws-events.js';

/**
 * Acks are public input: anyone holding an environment's client-side id (it is in every web page
 * that uses it) can open a connection and send any `ack` frame. What they send must not show as a
 * delivery that never happened.
 */
let call: Call;
let admin: string;
const clientSideIds: Record<string, string> = {};
const project = 'forged';
const quiet = () => {};

beforeAll(async () => {
  await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane());
  const created = await seedProject(call, admin, project, [{ key: 'production' }, { key: 'staging' }]);
  for (const env of ['production', 'staging']) clientSideIds[env] = created[env].clientSideId;
  await call('PATCH', ENV, {
    token: admin,
    params: { project, env: 'production' },
    body: [{ op: 'add', path: '/receipts', value: { enabled: true, sampleRate: 1 } }],
  });
  await call('POST', `${P}/flags`, {
    token: admin,
    params: { project },
    body: { key: 'beta', name: 'Beta' },
  });
});

const frame = (connectionId: string, body: unknown): WebSocketEvent =>
  ({
    requestContext: { connectionId, connectedAt: Date.now(), routeKey: '$default', eventType: 'MESSAGE' },
    body: JSON.stringify(body),
  }) as unknown as WebSocketEvent;

/** Opens a client-side connection, sends `acks` on it, and runs the aggregator on what they published. */
async function ack(
  env: string,
  connectionId: string,
  acks: readonly Record<string, unknown>[],
): Promise<void> {
  const published: string[] = [];
  const { connect, message } = createWebSocketHandlers({
    events: { publish: async (records) => void published.push(...records) },
  });
  expect(
    (await connect(connectEvent({ clientSideId: clientSideIds[env] as string }, connectionId))).statusCode,
  ).toBe(200);
  for (const body of acks) await message(frame(connectionId, { action: 'ack', kind: 'flag', ...body }));
  const records = published.map((data, i) => kinesisRecord(data, i + 1, `shardId-${connectionId}`));
  await createAggregatorHandler({ log: quiet })(kinesisEvent(records));
}

const currentVersion = async (env: string): Promise<number> => {
  const flag = await call('GET', `${P}/flags/{flag}`, { token: admin, params: { project, flag: 'beta' } });
  return flag.json.environments[env].version;
};

const deliveries = async (env: string) => {
  const listed = await call('GET', `${ENV}/flags/{flag}/deliveries`, {
    token: admin,
    params: { project, env, flag: 'beta' },
  });
  expect(listed.status).toBe(200);
  return listed.json.deliveries as { version: number; acks: number }[];
};

describe('acks from a client-side connection', () => {
  it('for versions the flag never had are not listed as deliveries', async () => {
    const current = await currentVersion('production');
    await ack('production', 'fAAAAAAAAAA=', [
      { key: 'beta', version: current },
      ...Array.from({ length: 10 }, (_, i) => ({ key: 'beta', version: current + 1 + i })),
      { key: 'beta', version: Number.MAX_SAFE_INTEGER },
    ]);
    expect((await deliveries('production')).map(({ version }) => version)).toEqual([current]);
  });

  it('in an environment that has not opted in to receipts are not counted', async () => {
    await ack('staging', 'sAAAAAAAAAA=', [{ key: 'beta', version: await currentVersion('staging') }]);
    expect(await deliveries('staging')).toEqual([]);
  });
});
