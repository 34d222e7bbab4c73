/**
 * The one place that draws with uPlot. It needs a canvas and `matchMedia`, which jsdom lacks, so
 * component tests replace this module and check the series handed to it; the browser tests see
 * the real drawing.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './uplot-canvas.css';

export interface UPlotCanvasProps {
  kind: 'line' | 'bars';
  /** x values: seconds since the epoch when `time`, else plain numbers (windows, steps). */
  x: readonly number[];
  y: readonly number[];
  time: boolean;
  /** The legend's names: what x is, and the series with its unit. */
  xSeries: string;
  series: string;
  height?: number;
}

/**
 * Colours for the canvas, which cannot read CSS variables: the series in the container's colour,
 * axes and grid in the theme's.
 */
interface Palette {
  series: string;
  text: string;
  grid: string;
}

function paletteOf(element: HTMLElement): Palette {
  const style = getComputedStyle(element);
  return {
    series: style.color,
    text: style.getPropertyValue('--text').trim() || '#1b1d21',
    grid: style.getPropertyValue('--border').trim() || '#d5d8de',
  };
}

/**
 * uPlot centres each bar on its x value, so a scale that ends at the first and last values cuts
 * the outer bars in half: pad it by half the spacing between bars (half a day for a lone day).
 * The ends come from the data itself: for a lone value uPlot hands the range function a span it
 * has already widened (years, on a time scale).
 */
const barsRange =
  (time: boolean): uPlot.Scale.Range =>
  (plot, min, max) => {
    const xs = plot.data[0];
    const count = xs.length;
    if (count === 0) return [min, max];
    const first = xs[0]!;
    const last = xs[count - 1]!;
    const pad = count > 1 ? (last - first) / (count - 1) / 2 : time ? 43_200 : 0.5;
    return [first - pad, last + pad];
  };

function options(props: UPlotCanvasProps, width: number, palette: Palette): uPlot.Options {
  const bars = props.kind === 'bars';
  const axis = {
    stroke: palette.text,
    grid: { stroke: palette.grid },
    ticks: { stroke: palette.grid },
  };
  return {
    width,
    height: props.height ?? 220,
    scales: {
      x: { time: props.time, range: bars ? barsRange(props.time) : undefined },
      // Bars are read by their height, so they stand on zero.
      y: bars ? { range: (_plot, _min, max) => [0, max > 0 ? max * 1.1 : 1] } : {},
    },
    axes: [axis, axis],
    series: [
      { label: props.xSeries },
      {
        label: props.series,
        stroke: palette.series,
        width: bars ? 0 : 2,
        fill: bars ? palette.series : undefined,
        points: { show: false },
        paths: bars ? uPlot.paths.bars?.({ size: [0.6, 48] }) : undefined,
      },
    ],
  };
}

const aligned = (x: readonly number[], y: readonly number[]): uPlot.AlignedData => [
  x as number[],
  y as number[],
];

export function UPlotCanvas(props: UPlotCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The chart is built once per shape; new points only go through setData, which is cheap.
  const latest = useRef(props);
  latest.current = props;
  const { kind, time, xSeries, series, height } = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the chart's shape changes; data flows in below
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot(
      options(latest.current, element.clientWidth, paletteOf(element)),
      aligned(latest.current.x, latest.current.y),
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: latest.current.height ?? 220 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [kind, time, xSeries, series, height]);

  useEffect(() => {
    plot.current?.setData(aligned(props.x, props.y));
  }, [props.x, props.y]);

  return <div ref={container} className="uplot-canvas" aria-hidden="true" />;
}
