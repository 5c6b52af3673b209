import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice.js';
import { QueryState } from '../../../components/QueryState.js';
import { TableScroll } from '../../../components/TableScroll.js';
import { colorOf } from '../../insights/chart-series.js';
import { useFlagChanges } from '../api/flag-changes.js';
import { type EventsRange, useEventKeys, useEventSeries } from '../api/get-events.js';
import { changeMarks, type EventMeasure, eventChartSeries } from '../event-chart.js';

// uPlot stays out of the first chunk, as for the insights chart.
const EventsChart = lazy(() => import('./EventsChart.js').then((m) => ({ default: m.EventsChart })));

const number = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const measures = [
  { value: 'count', label: 'Events' },
  { value: 'metricSum', label: 'Metric sum' },
] as const;

/**
 * Custom events (`track()`) beside a flag's insights: the team picks event keys and sees their counts
 * or metric sums over `range` (the insights answer's own range, so both charts share one time axis),
 * with the flag's changes in the environment marked, so a metric moving when the flag changed shows.
 *
 * @example
 * <FlagEvents project="web" env="production" flag="new-checkout" range={insights.data} />
 */
export function FlagEvents({
  project,
  env,
  flag,
  range,
}: {
  project: string;
  env: string;
  flag: string;
  range: EventsRange | undefined;
}) {
  const id = useId();
  const [chosen, setChosen] = useState<string[]>([]);
  const [measure, setMeasure] = useState<EventMeasure>('count');
  const keys = useEventKeys({ project, env }, range);
  const series = useEventSeries({ project, env }, chosen, range);
  const changes = useFlagChanges({ project, env, flag }, range);
  const loaded = series.data;
  const chart = useMemo(
    () => (range && loaded ? eventChartSeries(range, loaded, measure) : undefined),
    [range, loaded, measure],
  );
  const marks = useMemo(() => changeMarks(changes.data ?? []), [changes.data]);
  const toggle = (key: string, on: boolean) =>
    setChosen((current) => (on ? [...current, key] : current.filter((k) => k !== key)));
  const measureLabel = measures.find((m) => m.value === measure)?.label ?? '';

  return (
    <section className="flag-events" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Custom events</h2>
      <p className="muted">
        Events your application tracks, on the time axis of the evaluations above. Dashed red lines mark this
        flag's changes in this environment.
      </p>
      {!keys.data ? (
        <QueryState error={keys.error} label="event keys" />
      ) : keys.data.length === 0 ? (
        <p className="muted">No custom events were tracked in this environment in this range.</p>
      ) : (
        <>
          <fieldset className="toolbar event-keys">
            <legend>Event keys</legend>
            {keys.data.map((key) => (
              <span key={key}>
                <input
                  type="checkbox"
                  id={`${id}-key-${key}`}
                  checked={chosen.includes(key)}
                  onChange={(e) => toggle(key, e.target.checked)}
                />
                <label htmlFor={`${id}-key-${key}`}>{key}</label>
              </span>
            ))}
          </fieldset>
          <fieldset className="toolbar">
            <legend>Show</legend>
            {measures.map((m) => (
              <span key={m.value}>
                <input
                  type="radio"
                  id={`${id}-${m.value}`}
                  name={`${id}-measure`}
                  checked={measure === m.value}
                  onChange={() => setMeasure(m.value)}
                />
                <label htmlFor={`${id}-${m.value}`}>{m.label}</label>
              </span>
            ))}
          </fieldset>
        </>
      )}
      {(keys.error || series.error) && keys.data && <ErrorNotice error={keys.error ?? series.error} />}
      {chosen.length > 0 && loaded && chart && (
        <>
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            <EventsChart
              chart={chart}
              marks={marks}
              yLabel={measureLabel}
              label={`${measureLabel} per ${range?.granularity} of ${loaded
                .map((s) => `${s.key} (${number.format(s[measure])})`)
                .join(', ')}${marks.length > 0 ? `, with ${marks.length} change(s) of ${flag}` : ''}`}
            />
          </Suspense>
          <TableScroll label="Custom events in this range">
            <table className="table totals">
              <caption>Custom events in this range</caption>
              <thead>
                <tr>
                  <th scope="col">Event key</th>
                  <th scope="col" className="numeric">
                    Events
                  </th>
                  <th scope="col" className="numeric">
                    Metric sum
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaded.map((s, i) => (
                  <tr key={s.key}>
                    <th scope="row">
                      <span className="swatch" style={{ background: colorOf(s.key, i) }} aria-hidden="true" />
                      {s.key}
                    </th>
                    <td className="numeric">{number.format(s.count)}</td>
                    <td className="numeric">{number.format(s.metricSum)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {marks.length > 0 && (
        <>
          <h3>Changes of {flag} in this range</h3>
          <ul className="flag-changes">
            {marks.map((mark) => (
              <li key={mark.time}>
                <time dateTime={mark.time}>{timeFormat.format(new Date(mark.time))}</time> {mark.label}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
