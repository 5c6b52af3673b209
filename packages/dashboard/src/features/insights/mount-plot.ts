import uPlot from 'uplot';

/**
 * Draws a uPlot chart into `element` at the element's width (at least 320 px), follows the element's
 * resizing, and returns what removes it: the body of a chart component's effect.
 *
 * @example
 * useEffect(() => mountPlot(container.current, 280, options, [x, ...ys]), [x, ys]);
 */
export function mountPlot(
  element: HTMLElement,
  height: number,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
): () => void {
  const width = () => Math.max(320, element.clientWidth);
  const plot = new uPlot({ ...options, width: width(), height }, data, element);
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
  resize.observe(element);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
