import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../lib/api-context.js';
import { projectKeys } from '../lib/query-keys.js';
import { apiError, fakeApp } from '../testing/fake-api.js';
import { auditEntry, resource } from '../testing/fixtures.js';
import { applyChanges, LIVE_POLL_MS, MAX_LIVE_POLL_MS, pollDelay, useLiveUpdates } from './live-updates.js';

describe('pollDelay', () => {
  it('polls every second while the API answers', () => {
    expect(pollDelay(LIVE_POLL_MS, 0)).toBe(1_000);
  });

  it('doubles the wait for each poll in a row that failed, up to 30 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((failures) => pollDelay(LIVE_POLL_MS, failures))).toEqual([
      2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(MAX_LIVE_POLL_MS).toBe(30_000);
  });
});

describe('useLiveUpdates', () => {
  it('backs off while the API cannot be reached, and polls at its pace again once it answers', async () => {
    let down = true;
    const polls: number[] = [];
    const fake = fakeApp({
      'GET /api/v1/projects/web/audit': () => {
        polls.push(performance.now());
        return down ? Promise.reject(new TypeError('Failed to fetch')) : { items: [] };
      },
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={fake.queryClient}>
        <ApiProvider client={fake.api}>{children}</ApiProvider>
      </QueryClientProvider>
    );
    const { unmount } = renderHook(() => useLiveUpdates('web', 20), { wrapper });
    // 20, 40, 80 and 160 ms apart: the fifth poll comes 300 ms after the first (15 at a steady 20 ms).
    await waitFor(() => expect(polls.length).toBeGreaterThanOrEqual(5), { timeout: 2_000 });
    const gaps = polls.slice(1, 5).map((at, i) => at - (polls[i] as number));
    expect(gaps[3]).toBeGreaterThanOrEqual(150);
    down = false;
    const answered = polls.length;
    await waitFor(() => expect(polls.length).toBeGreaterThanOrEqual(answered + 4), { timeout: 2_000 });
    const last = polls.slice(-3);
    expect((last[2] as number) - (last[0] as number)).toBeLessThan(300);
    unmount();
  });
});

describe('useLiveUpdates of a project that does not exist', () => {
  it('stops polling once the API says it is not found', async () => {
    let polls = 0;
    const fake = fakeApp({
      'GET /api/v1/projects/nope/audit': () => {
        polls += 1;
        return apiError(404, 'not_found', 'Project "nope" not found');
      },
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={fake.queryClient}>
        <ApiProvider client={fake.api}>{children}</ApiProvider>
      </QueryClientProvider>
    );
    const { unmount } = renderHook(() => useLiveUpdates('nope', 10), { wrapper });
    await waitFor(() => expect(polls).toBe(1));
    // Backing off, polls would come 20, 40 and 80 ms after the first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(polls).toBe(1);
    unmount();
  });
});

describe('applyChanges', () => {
  // The segments page disables Delete for a segment a flag uses: a flag edited elsewhere may no longer use it.
  it('refreshes which flags use each segment when a flag was updated', async () => {
    const fake = fakeApp({ 'GET /api/v1/projects/web/flags/checkout': () => resource('checkout', true, 4) });
    const usage = projectKeys.segmentUsage('web', 'production');
    fake.queryClient.setQueryData(usage, new Map([['beta', ['checkout']]]));
    await applyChanges(fake.api, fake.queryClient, 'web', [auditEntry('a1', 'update', 'checkout')]);
    expect(fake.queryClient.getQueryState(usage)?.isInvalidated).toBe(true);
  });
});
