import { render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../app/App.js';
import { fakeApp } from '../../testing/fake-api.js';
import { environment, routes } from '../../testing/fixtures.js';
import { checkoutFlag } from '../flags/testing/flag-fixtures.js';
import type { Deliveries, Delivery } from './api/get-deliveries.js';
import { appliedSummary, latencyText } from './components/FlagDeliveries.js';

const DELIVERIES = 'GET /api/v1/projects/web/environments/production/flags/checkout/deliveries';

const delivery = (overrides: Partial<Delivery> = {}): Delivery => ({
  version: 7,
  committedAt: '2026-11-26T10:00:00.123Z',
  connected: 1000,
  acks: 998,
  sampleRate: 1,
  applied: 998,
  latencyMs: { p50: 120, p90: 240, p99: 310 },
  latencyRangeMs: {
    p50: { fromMs: 100, toMs: 150 },
    p90: { fromMs: 200, toMs: 300 },
    p99: { fromMs: 300, toMs: 500 },
  },
  histogram: [],
  ...overrides,
});

/** The Delivery tab of `checkout` in production, which has receipts on unless `receiptsOn` is false. */
function open(answer: Deliveries['deliveries'], receiptsOn = true) {
  const fake = fakeApp(
    routes(
      {
        'GET /api/v1/projects/web/environments': () => ({
          items: [
            {
              ...environment('production', 'Production'),
              ...(receiptsOn ? { receipts: { enabled: true, sampleRate: 1 } } : {}),
            },
            environment('staging', 'Staging'),
          ],
        }),
        'GET /api/v1/projects/web/flags/checkout': () => checkoutFlag(),
        'GET /api/v1/projects/web/environments/production/segments': () => ({ items: [] }),
        [DELIVERIES]: () => ({
          flag: 'checkout',
          environment: 'production',
          bucketBoundsMs: [25, 50],
          deliveries: answer,
        }),
      },
      'reader',
    ),
    { path: '/projects/web/environments/production/flags/checkout?tab=delivery' },
  );
  render(<App {...fake.props} />);
  return fake;
}

// The route is loaded lazily; loading it once here keeps that out of the first test's timeout.
beforeAll(() => import('../flags/routes/FlagRoute.js'));

describe("the flag page's Delivery tab", () => {
  it('lists the latest changes: SDKs that applied each one of those connected, and latency percentiles', async () => {
    open([
      delivery(),
      delivery({ version: 6, connected: 1_000_000, acks: 9_950, sampleRate: 0.01, applied: 995_000 }),
    ]);
    expect(await screen.findByRole('tab', { name: 'Delivery', selected: true })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: /SDKs that applied each one/ });
    const [, latest, sampled] = within(table).getAllByRole('row');
    expect(latest).toHaveTextContent('998 of 1,000 connected SDKs');
    // The bucket each percentile falls in, not the estimate inside it.
    expect(latest).toHaveTextContent('100–150 ms');
    expect(latest).toHaveTextContent('300–500 ms');
    expect(latest).not.toHaveTextContent('120 ms');
    expect(sampled).toHaveTextContent('≈ 995,000 of 1,000,000 connected SDKs (9,950 sampled acks)');
  });

  it('says none are recorded yet when receipts are on', async () => {
    open([]);
    expect(await screen.findByText(/No delivery receipts yet/)).toBeInTheDocument();
    expect(screen.queryByText(/Delivery receipts are off/)).toBeNull();
  });

  it('says receipts are off in the environment and links to the setting', async () => {
    open([], false);
    expect(await screen.findByText(/Delivery receipts are off in Production/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Environments and keys' })).toHaveAttribute(
      'href',
      '/projects/web/settings/environments#delivery-receipts',
    );
    expect(screen.queryByText(/No delivery receipts yet/)).toBeNull();
  });

  it('still lists the receipts recorded before they were turned off', async () => {
    open([delivery()], false);
    expect(await screen.findByText(/Delivery receipts are off in Production/)).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /SDKs that applied each one/ })).toHaveTextContent(
      '998 of 1,000 connected SDKs',
    );
  });

  it('states an unsampled count exactly, without "≈"', () => {
    expect(appliedSummary(delivery({ applied: 0, acks: 0 }))).toBe('0 of 1,000 connected SDKs');
  });
});

describe('latencyText', () => {
  it.each([
    [null, '–'],
    [{ fromMs: 0, toMs: 25 }, 'up to 25 ms'],
    [{ fromMs: 1000, toMs: 2000 }, '1,000–2,000 ms'],
    [{ fromMs: 30_000, toMs: null }, 'over 30,000 ms'],
  ])('reads %j as %s', (range, text) => {
    expect(latencyText(range)).toBe(text);
  });
});
