import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../testing/client.js';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, user } from '../testing/flags.js';
import { waitFor } from '../testing/wait.js';
import type { SwitchboardClient } from './index.js';

const alice = user('alice');

/**
 * The real SDK endpoint serves snapshots from a cache up to a second old, so the snapshot fetched for
 * a `refetch` can predate the change that caused it. The client then asks again, a few times.
 */
describe('SwitchboardClient refetch', () => {
  let service: FakeService;
  let client: SwitchboardClient;

  beforeEach(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('big', 1, false));
  });

  afterEach(async () => {
    await client?.close();
    await service.stop();
  });

  /** Initialised, and past the one confirming fetch that follows every connect. */
  const settledClient = async () => {
    client = testClient(service);
    await client.waitForInitialization({ timeout: 5 });
    await waitFor(() => service.snapshotRequests.length >= 2, 5_000);
  };

  it('confirms the first snapshot once: a change that no patch carried still arrives', async () => {
    client = testClient(service);
    await client.waitForInitialization({ timeout: 5 });
    // Changed without a patch, as when the fan-out ran just before this connection was registered.
    service.putFlag(booleanFlag('big', 2, true));
    await waitFor(() => client.boolVariation('big', alice, false), 5_000);
    expect(service.snapshotRequests).toHaveLength(2);
  });

  it('fetches again when the snapshot after a refetch has not caught up, until it has', async () => {
    await settledClient();
    const before = service.snapshotRequests.length;
    service.push({ type: 'refetch' }); // the snapshot still holds version 1
    await waitFor(() => service.snapshotRequests.length >= before + 2, 5_000);
    service.putFlag(booleanFlag('big', 2, true));
    await waitFor(() => client.boolVariation('big', alice, false), 5_000);
    const settled = service.snapshotRequests.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Once the change is in, the retries stop.
    expect(service.snapshotRequests.length).toBe(settled);
  });

  it('gives up after three unchanged snapshots', async () => {
    await settledClient();
    const before = service.snapshotRequests.length;
    service.push({ type: 'refetch' });
    await waitFor(() => service.snapshotRequests.length === before + 4, 8_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(service.snapshotRequests.length).toBe(before + 4);
  }, 15_000);
});
