import { describe, expect, it } from 'vitest';
import { acksAfter, foldAcks } from './receipt-fold.js';
import { LATENCY_BOUNDS_MS } from './receipts.js';

const env = { project: 'p', env: 'production' };
const ack = (flag: string, version: number, latencyMs?: number) => ({
  kind: 'ack',
  flag,
  version,
  ...(latencyMs === undefined ? {} : { latencyMs }),
});
const bucketOf = (bound: number) => LATENCY_BOUNDS_MS.indexOf(bound);

describe('foldAcks', () => {
  const changes = foldAcks([
    { ...env, events: [ack('a', 2, 80)] },
    undefined,
    { ...env, events: [ack('a', 2, 90), ack('a', 2), { kind: 'summary' }, ack('b', 1, 10)] },
    { ...env, events: [ack('a', 3, 20), { kind: 'ack', flag: 'a', version: -1 }] },
  ]);

  it('adds acks up per change and per record, leaving other events and invalid acks out', () => {
    const a2 = changes.find((c) => c.flag === 'a' && c.version === 2);
    expect(a2?.sources).toEqual([0, 2]);
    expect(a2?.contributions.map((c) => c.acks)).toEqual([1, 2]);
    expect(a2?.contributions[1]?.histogram[bucketOf(100)]).toBe(1);
    expect(changes.map((c) => `${c.flag}@${c.version}`).sort()).toEqual(['a@2', 'a@3', 'b@1']);
  });

  it('counts an ack without a latency in no histogram bucket', () => {
    const a2 = changes.find((c) => c.flag === 'a' && c.version === 2);
    const total = a2?.contributions.flatMap((c) => c.histogram).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(2);
  });

  it('leaves to a receipt only what records after its watermark added', () => {
    const a2 = changes.find((c) => c.flag === 'a' && c.version === 2);
    if (!a2) throw new Error('no change a@2');
    const keys = ['k1', 'k2', 'k3', 'k4'];
    expect(acksAfter(a2, keys, undefined)).toMatchObject({ acks: 3, first: 'k1', last: 'k3' });
    expect(acksAfter(a2, keys, 'k1')).toMatchObject({ acks: 2, first: 'k3', last: 'k3' });
    expect(acksAfter(a2, keys, 'k3')).toBeUndefined();
  });
});
