import { describe, expect, it } from 'vitest';
import { quietFor, timeAgo } from './time.js';

const now = new Date('2026-12-06T12:00:00Z');

describe('timeAgo', () => {
  it.each([
    ['2026-12-06T11:59:30Z', 'just now'],
    ['2026-12-06T11:55:00Z', '5 minutes ago'],
    ['2026-12-06T09:00:00Z', '3 hours ago'],
    ['2026-12-05T12:00:00Z', 'yesterday'],
    ['2026-11-26T12:00:00Z', '10 days ago'],
  ])('%s → %s', (iso, text) => {
    expect(timeAgo(iso, now)).toBe(text);
  });
});

describe('quietFor', () => {
  it('is true without evaluations, or when the newest is older than the window', () => {
    expect(quietFor([], 7, now)).toBe(true);
    expect(quietFor(['2026-11-28T12:00:00Z'], 7, now)).toBe(true);
    expect(quietFor(['2026-11-28T12:00:00Z', '2026-12-01T00:00:00Z'], 7, now)).toBe(false);
  });
});
