import { describe, expect, it } from 'vitest';
import {
  allSlices,
  CONNECTION_SLICES,
  connectionExpiry,
  fnv1a,
  MAX_CONNECTION_SECONDS,
  sliceOf,
} from './connection-slices.js';

describe('connection slices', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j with 32-bit FNV-1a', (text, hash) => {
    expect(fnv1a(text)).toBe(hash);
  });

  it('puts a connection in the same slice every time, within range', () => {
    const id = 'L0SM9cOFvHcCIhw=';
    expect(sliceOf(id)).toBe(sliceOf(id));
    expect(sliceOf(id)).toBeGreaterThanOrEqual(0);
    expect(sliceOf(id)).toBeLessThan(CONNECTION_SLICES);
    expect(allSlices()).toHaveLength(CONNECTION_SLICES);
    expect(allSlices(3)).toEqual([0, 1, 2]);
  });

  it('spreads API Gateway-style connection ids evenly over the slices', () => {
    const counts = new Array(CONNECTION_SLICES).fill(0);
    for (let i = 0; i < 16_000; i++) {
      const encoded = Buffer.from(`conn-${i}-${i * 7919}`).toString('base64');
      const id = `${encoded.slice(0, 15)}=`;
      counts[sliceOf(id)] += 1;
    }
    // 1,000 expected per slice; a skewed hash would leave some far off.
    for (const count of counts) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1200);
    }
  });

  it('expires a registration just past API Gateway’s 2-hour limit', () => {
    const connectedAt = Date.UTC(2026, 0, 1);
    const expiry = connectionExpiry(connectedAt);
    expect(expiry - connectedAt / 1000).toBeGreaterThan(MAX_CONNECTION_SECONDS);
    expect(expiry - connectedAt / 1000).toBeLessThanOrEqual(MAX_CONNECTION_SECONDS + 15 * 60);
  });
});
