import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App.js';
import { fakeApp } from '../../testing/fake-api.js';
import { requestsTo, signedIn } from '../../testing/pages-fixture.js';
import { type Insights, insightsQuery } from './api/get-insights.js';
import { type InsightsSeries, insightsSeries } from './chart-series.js';

// uPlot draws on a canvas, which happy-dom does not paint; the test checks what the chart is given.
const drawn: InsightsSeries[] = [];
vi.mock('./components/InsightsChart.js', () => ({
  InsightsChart: ({ series, label }: { series: InsightsSeries; label: string }) => {
    drawn.push(series);
    return <div role="img" aria-label={label} />;
  },
}));

const insights: Insights = {
  flag: 'checkout',
  environment: 'production',
  granularity: 'minute',
  from: '2026-11-26T10:00:00.000Z',
  to: '2026-11-26T10:04:00.000Z',
  buckets: [
    { start: '2026-11-26T10:00:00.000Z', counts: { '0': 3, '1': 1 }, total: 4 },
    { start: '2026-11-26T10:02:00.000Z', counts: { '1': 2, default: 1 }, total: 3 },
  ],
  totals: { '1': 3, '0': 3, default: 1 },
  total: 7,
  lastEvaluated: '2026-11-26T10:02:30.000Z',
};

const variations = [{ value: true, name: 'On' }, { value: false }];

describe('insightsSeries', () => {
  it('fills empty buckets, orders variations, names them and stacks the counts', () => {
    const series = insightsSeries(insights, variations);
    expect(series.keys).toEqual(['0', '1', 'default']);
    expect(series.labels).toEqual(['On', 'false', 'Default (SDK fallback)']);
    const t0 = Date.parse(insights.from) / 1000;
    expect(series.x).toEqual([t0, t0 + 60, t0 + 120, t0 + 180]);
    expect(series.counts).toEqual([
      [3, 0, 0, 0],
      [1, 0, 2, 0],
      [0, 0, 1, 0],
    ]);
    expect(series.stacked).toEqual([
      [3, 0, 0, 0],
      [4, 0, 2, 0],
      [4, 0, 3, 0],
    ]);
  });
});

describe('insightsQuery', () => {
  const now = Date.parse('2026-11-26T10:00:30Z');
  it('asks for minutes up to a day and hours beyond, ending at the next whole minute', () => {
    expect(insightsQuery({ kind: 'hour' }, now)).toEqual({
      from: '2026-11-26T09:01:00.000Z',
      to: '2026-11-26T10:01:00.000Z',
      granularity: 'minute',
    });
    expect(insightsQuery({ kind: 'day' }, now).granularity).toBe('minute');
    expect(insightsQuery({ kind: 'week' }, now)).toMatchObject({
      from: '2026-11-19T10:01:00.000Z',
      granularity: 'hour',
    });
    expect(
      insightsQuery(
        { kind: 'custom', from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' },
        now,
      ),
    ).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', granularity: 'hour' });
  });
});

describe('Insights page', () => {
  it('charts the chosen flag, lists totals by variation name and when it was last evaluated', async () => {
    drawn.length = 0;
    const fake = fakeApp(
      signedIn('reader', {
        'GET /api/v1/projects/web/flags': () => ({
          items: [
            { key: 'search', name: 'Search' },
            { key: 'checkout', name: 'Checkout' },
          ],
        }),
        'GET /api/v1/projects/web/flags/checkout': () => ({ key: 'checkout', variations }),
        'GET /api/v1/projects/web/environments/production/flags/checkout/insights': () => insights,
      }),
      { path: '/projects/web/environments/production/insights?flag=checkout' },
    );
    render(<App {...fake.props} />);
    const totals = await screen.findByRole('table', { name: 'Evaluations per variation' });
    expect(within(totals).getByRole('row', { name: 'On 3' })).toBeInTheDocument();
    expect(within(totals).getByRole('row', { name: 'false 3' })).toBeInTheDocument();
    expect(within(totals).getByRole('row', { name: 'Default (SDK fallback) 1' })).toBeInTheDocument();
    expect(screen.getByText(/Last evaluated/)).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /evaluations of checkout per variation: On 3/ }),
    ).toBeInTheDocument();
    expect(drawn.at(-1)?.stacked.at(-1)).toEqual([4, 0, 3, 0]);

    await userEvent.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await expect
      .poll(() =>
        requestsTo(
          fake.requests,
          'GET',
          '/api/v1/projects/web/environments/production/flags/checkout/insights',
        ).map((r) => new URL(r.url).searchParams.get('granularity')),
      )
      .toEqual(['minute', 'hour']);
  });
});
