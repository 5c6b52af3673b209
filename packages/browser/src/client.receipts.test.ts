import { describe, expect, it } from 'vitest';
import { connect, flag, startClient, useFakeClock } from '../testing/fake-browser.js';

useFakeClock();

/** Delivery receipts: a push that asks for acks (`ack`: the sampling rate) is acknowledged per applied flag. */
describe('delivery receipts', () => {
  const acks = (sent: Record<string, unknown>[]) => sent.filter((m) => m.action === 'ack');

  it('acks each flag a push changed to a newer version, echoing the commit time', () => {
    const { browser } = startClient();
    connect(browser, { a: flag(1, 1), b: flag('x', 4), c: flag(true, 2) });
    browser.socket.receive({
      type: 'values',
      id: 1,
      ack: 1,
      at: 1_764_000_000_000,
      // b is re-sent at its held version (a segment changed): no new flag change to acknowledge.
      values: { a: flag(2, 2), b: flag('y', 4), d: flag(0, 1) },
    });
    expect(acks(browser.socket.sent)).toEqual([
      { action: 'ack', kind: 'flag', key: 'a', version: 2, at: 1_764_000_000_000 },
      { action: 'ack', kind: 'flag', key: 'd', version: 1, at: 1_764_000_000_000 },
    ]);
  });

  it('samples: with random 0.5, a rate of 0.5 or less sends nothing', () => {
    const { browser } = startClient();
    connect(browser, { a: flag(1, 1) });
    browser.socket.receive({ type: 'values', id: 1, ack: 0.5, values: { a: flag(2, 2) } });
    browser.socket.receive({ type: 'values', id: 1, ack: 0.6, values: { a: flag(3, 3) } });
    expect(acks(browser.socket.sent)).toEqual([{ action: 'ack', kind: 'flag', key: 'a', version: 3 }]);
  });

  it('never acks an identify answer, or a push that does not ask', () => {
    const { browser } = startClient();
    browser.socket.open();
    browser.socket.receive({ type: 'values', id: browser.socket.lastId, ack: 1, values: { a: flag(1, 1) } });
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag(2, 2) } });
    browser.socket.receive({ type: 'values', id: 1, ack: 'all', values: { a: flag(3, 3) } });
    expect(acks(browser.socket.sent)).toEqual([]);
  });
});
