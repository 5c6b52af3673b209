import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { colorOf } from '../../insights/chart-series.js';
import { mountPlot } from '../../insights/mount-plot.js';
import type { ChangeMark, EventChartSeries } from '../event-chart.js';

const CHANGE_COLOR = '#cf222e';

/** Draws a dashed vertical line at each change of the flag, over the series. */
const changeLines = (marks: readonly ChangeMark[]): uPlot.Plugin => ({
  hooks: {
    draw: (u) => {
      const { ctx, bbox } = u;
      ctx.save();
      ctx.strokeStyle = CHANGE_COLOR;
      ctx.lineWidth = 2 * uPlot.pxRatio;
      ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
      for (const mark of marks) {
        const x = Math.round(u.valToPos(mark.x, 'x', true));
        if (x < bbox.left || x > bbox.left + bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(x, bbox.top);
        ctx.lineTo(x, bbox.top + bbox.height);
        ctx.stroke();
      }
      ctx.restore();
    },
  },
});

/**
 * Lines of custom events per bucket, one per key, with the flag's changes as dashed red lines. Its
 * x axis is the insights chart's (same buckets, same width and y-axis gutter), so the two line up.
 *
 * @example
 * <EventsChart chart={eventChartSeries(range, series, 'count')} marks={changeMarks(changes)} label="…" />
 */
export function EventsChart({
  chart,
  marks,
  yLabel,
  label,
}: {
  chart: EventChartSeries;
  marks: readonly ChangeMark[];
  yLabel: string;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const [first = 0, second = first + 60] = chart.x;
    const step = second - first;
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { range: (_u, min, max) => [min, max + step] },
        y: {
          range: (_u, min, max) => [Math.min(0, min), Math.max(1, Math.ceil(Math.max(max, 0) * 1.1))],
        },
      },
      axes: [{}, { label: yLabel, size: 60 }],
      series: [
        {},
        ...chart.keys.map((key, i) => ({
          label: key,
          stroke: colorOf(key, i),
          width: 2,
          paths: stepped,
          points: { show: false },
        })),
      ],
      plugins: [changeLines(marks)],
    };
    return mountPlot(element, 240, options, [chart.x, ...chart.values]);
  }, [chart, marks, yLabel]);
  return <div ref={container} role="img" aria-label={label} className="insights-chart events-chart" />;
}
