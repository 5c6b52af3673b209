import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { colorOf, type InsightsSeries } from '../chart-series.js';
import { mountPlot } from '../mount-plot.js';

/**
 * A stacked bar chart of evaluations per variation over time, drawn by uPlot on a canvas. The canvas
 * is an image for assistive technology, labelled with the totals; the table beside it has the numbers.
 *
 * @example
 * <InsightsChart series={insightsSeries(insights, variations)} label="Evaluations of new-checkout" />
 */
export function InsightsChart({ series, label }: { series: InsightsSeries; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // uPlot paints series in order; the tallest running sum goes first so each lower band covers it.
    const order = series.keys.map((_, i) => i).reverse();
    // Bars, not areas: a bucket is a count over its minute or hour, and a lone bucket stays visible.
    const bars = uPlot.paths.bars?.({ size: [0.9, 48], align: 1 });
    const [first = 0, second = first + 60] = series.x;
    const step = second - first;
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Each bar starts at its bucket's start; the axis runs to the end of the last bucket.
        x: { range: (_u, min, max) => [min, max + step] },
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
      },
      axes: [{}, { label: 'Evaluations', size: 60 }],
      series: [
        {},
        ...order.map((i) => {
          const color = colorOf(series.keys[i] as string, i);
          return {
            label: series.labels[i],
            stroke: color,
            fill: color,
            width: 0,
            paths: bars,
            points: { show: false },
          };
        }),
      ],
    };
    return mountPlot(element, 280, options, [series.x, ...order.map((i) => series.stacked[i] as number[])]);
  }, [series]);
  return <div ref={container} role="img" aria-label={label} className="insights-chart" />;
}
