import { describe, expect, it } from 'vitest';
import { booleanFlag } from '../testing/flags.js';
import { FlagStore } from './flag-store.js';
import { type AckMessage, parseServerMessage } from './messages.js';
import { createStreamListeners, dispatchMessage } from './stream-listeners.js';

/** Delivery receipts: frames that ask for acks (`ack`: the sampling rate) are acknowledged once applied. */
describe('delivery receipts', () => {
  function listen(random = 0.5) {
    const sent: AckMessage[] = [];
    const store = new FlagStore();
    const listeners = createStreamListeners({
      store,
      onChange: () => {},
      refetch: () => {},
      acknowledge: (ack) => sent.push(ack),
      random: () => random,
    });
    const receive = (message: object) => {
      const parsed = parseServerMessage(JSON.stringify(message));
      if (parsed) dispatchMessage(listeners, parsed);
    };
    return { sent, receive };
  }
  const patch = (version: number, fields: object = {}) => ({
    type: 'patch',
    kind: 'flag',
    key: 'beta',
    version,
    data: booleanFlag('beta', version, true),
    ...fields,
  });

  it('acks a patch and a delete it applied, echoing the commit time', () => {
    const { sent, receive } = listen();
    receive(patch(3, { ack: 1, at: 1_764_000_000_000 }));
    receive({ type: 'delete', kind: 'flag', key: 'beta', version: 4, ack: 1 });
    expect(sent).toEqual([
      { action: 'ack', kind: 'flag', key: 'beta', version: 3, at: 1_764_000_000_000 },
      { action: 'ack', kind: 'flag', key: 'beta', version: 4 },
    ]);
  });

  it('does not ack a version it already held, a segment, or a frame that does not ask', () => {
    const { sent, receive } = listen();
    receive(patch(3, { ack: 1 }));
    receive(patch(3, { ack: 1 }));
    receive(patch(2, { ack: 1 }));
    receive(patch(5));
    receive({ type: 'patch', kind: 'segment', key: 's', version: 1, data: { key: 's', version: 1 }, ack: 1 });
    expect(sent.map((ack) => ack.version)).toEqual([3]);
  });

  it("samples with the frame's rate, and ignores a rate out of range", () => {
    const { sent, receive } = listen(0.5);
    receive(patch(3, { ack: 0.5 }));
    receive(patch(4, { ack: 0.51 }));
    receive(patch(5, { ack: 7 }));
    expect(sent.map((ack) => ack.version)).toEqual([4]);
  });
});
