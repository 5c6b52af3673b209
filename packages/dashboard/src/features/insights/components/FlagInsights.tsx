import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice.js';
import { QueryState } from '../../../components/QueryState.js';
import { FlagEvents } from '../../events/components/FlagEvents.js';
import { useFlag } from '../../flags/api/get-flag.js';
import { type InsightsRange, useInsights } from '../api/get-insights.js';
import { colorOf, insightsSeries } from '../chart-series.js';
import '../../../components/pages.css';
import { TableScroll } from '../../../components/TableScroll.js';

// uPlot is only needed once there is something to draw; keeping it out of the first chunk.
const InsightsChart = lazy(() => import('./InsightsChart.js').then((m) => ({ default: m.InsightsChart })));

const number = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const presets = [
  { kind: 'hour', label: 'Last hour' },
  { kind: 'day', label: 'Last 24 hours' },
  { kind: 'week', label: 'Last 7 days' },
  { kind: 'custom', label: 'Custom' },
] as const;

/** `datetime-local` input value (local time, minutes) for an instant. */
const localInput = (time: number) => {
  const d = new Date(time - new Date(time).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/**
 * Evaluations of a flag in one environment: a range picker, a stacked chart per variation, totals with
 * the variation names and when the flag was last evaluated. The flag page embeds it; the Insights page
 * shows it for the chosen flag.
 *
 * @example
 * <FlagInsights project="web" flag="new-checkout" env="production" />
 */
export function FlagInsights({ project, flag, env }: { project: string; flag: string; env: string }) {
  const [range, setRange] = useState<InsightsRange>({ kind: 'hour' });
  const insights = useInsights({ project, env, flag }, range);
  const variations = useFlag(project, flag).data?.variations;
  const { from, to, granularity } = insights.data ?? {};
  // The events panel reads exactly the range the insights answer covers, so both share a time axis.
  const eventsRange = useMemo(
    () => (from && to && granularity ? { from, to, granularity } : undefined),
    [from, to, granularity],
  );
  const series = useMemo(
    () => (insights.data ? insightsSeries(insights.data, variations ?? []) : undefined),
    [insights.data, variations],
  );
  return (
    <section className="insights" aria-label={`Insights of ${flag}`}>
      <RangePicker range={range} onChange={setRange} />
      {!insights.data || !series ? (
        <QueryState error={insights.error} label="insights" />
      ) : (
        <>
          {insights.error && <ErrorNotice error={insights.error} />}
          <p className="muted insights-summary">
            <span>
              {insights.data.lastEvaluated
                ? `Last evaluated ${timeFormat.format(new Date(insights.data.lastEvaluated))}`
                : 'Never evaluated in this environment'}
            </span>
            <span>
              {number.format(insights.data.total)} evaluations in this range, by {insights.data.granularity}
            </span>
          </p>
          {insights.data.total > 0 && (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <InsightsChart
                series={series}
                label={`Stacked chart of evaluations of ${flag} per variation: ${series.labels
                  .map(
                    (label, i) =>
                      `${label} ${number.format(insights.data.totals[series.keys[i] as string] ?? 0)}`,
                  )
                  .join(', ')}`}
              />
            </Suspense>
          )}
          <TableScroll label="Evaluations per variation">
            <table className="table totals">
              <caption>Evaluations per variation</caption>
              <thead>
                <tr>
                  <th scope="col">Variation</th>
                  <th scope="col" className="numeric">
                    Evaluations
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.keys.map((key, i) => (
                  <tr key={key}>
                    <th scope="row">
                      <span className="swatch" style={{ background: colorOf(key, i) }} aria-hidden="true" />
                      {series.labels[i]}
                    </th>
                    <td className="numeric">{number.format(insights.data.totals[key] ?? 0)}</td>
                  </tr>
                ))}
                {series.keys.length === 0 && (
                  <tr>
                    <td colSpan={2} className="muted">
                      No evaluations in this range.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <FlagEvents project={project} env={env} flag={flag} range={eventsRange} />
    </section>
  );
}

function RangePicker({ range, onChange }: { range: InsightsRange; onChange: (r: InsightsRange) => void }) {
  const id = useId();
  const [from, setFrom] = useState(() => localInput(Date.now() - 3 * 3_600_000));
  const [to, setTo] = useState(() => localInput(Date.now()));
  const applyCustom = (f: string, t: string) => {
    if (f && t) onChange({ kind: 'custom', from: new Date(f).toISOString(), to: new Date(t).toISOString() });
  };
  return (
    <fieldset className="toolbar range-picker">
      <legend>Range</legend>
      {presets.map((preset) => (
        <span key={preset.kind}>
          <input
            type="radio"
            id={`${id}-${preset.kind}`}
            name={`${id}-range`}
            checked={range.kind === preset.kind}
            onChange={() =>
              preset.kind === 'custom' ? applyCustom(from, to) : onChange({ kind: preset.kind })
            }
          />
          <label htmlFor={`${id}-${preset.kind}`}>{preset.label}</label>
        </span>
      ))}
      {range.kind === 'custom' && (
        <>
          <label htmlFor={`${id}-from`}>From</label>
          <input
            id={`${id}-from`}
            type="datetime-local"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              applyCustom(e.target.value, to);
            }}
          />
          <label htmlFor={`${id}-to`}>To</label>
          <input
            id={`${id}-to`}
            type="datetime-local"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
              applyCustom(from, e.target.value);
            }}
          />
        </>
      )}
    </fieldset>
  );
}
