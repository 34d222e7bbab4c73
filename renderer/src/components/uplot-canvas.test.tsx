// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UPlotCanvas } from './uplot-canvas';

/** What the wrapper asked of uPlot; the drawing itself needs a canvas and is checked in Chromium. */
const made: {
  options: Record<string, unknown>;
  data: unknown;
  setData: unknown[];
  destroyed: boolean;
}[] = [];

vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: (options: unknown) => ({ bars: options }) };
    record: (typeof made)[number];
    constructor(options: Record<string, unknown>, data: unknown) {
      this.record = { options, data, setData: [], destroyed: false };
      made.push(this.record);
    }
    setData(data: unknown) {
      this.record.setData.push(data);
    }
    setSize() {}
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { default: FakePlot };
});

beforeEach(() => {
  made.length = 0;
  // jsdom has no ResizeObserver; the chart only needs one to follow its container's width.
  globalThis.ResizeObserver = class {
    observe() {}
    disconnect() {}
    unobserve() {}
  };
});

afterEach(cleanup);

describe('UPlotCanvas', () => {
  it('builds the chart once and hands new points over with setData', () => {
    const view = render(
      <UPlotCanvas kind="line" x={[1, 2]} y={[4, 3]} time xSeries="Time" series="Loss" />,
    );
    expect(made).toHaveLength(1);
    expect(made[0]!.data).toEqual([
      [1, 2],
      [4, 3],
    ]);
    view.rerender(
      <UPlotCanvas kind="line" x={[1, 2, 3]} y={[4, 3, 2]} time xSeries="Time" series="Loss" />,
    );
    expect(made).toHaveLength(1);
    expect(made[0]!.setData.at(-1)).toEqual([
      [1, 2, 3],
      [4, 3, 2],
    ]);
  });

  it('draws bars with the bars path and a time scale only when asked', () => {
    render(
      <UPlotCanvas
        kind="bars"
        x={[41, 42]}
        y={[0.1, 0.2]}
        time={false}
        xSeries="Window"
        series="Earned"
      />,
    );
    const { series, scales } = made[0]!.options as {
      series: { label?: string; paths?: unknown }[];
      scales: { x: { time: boolean } };
    };
    expect(series.map((s) => s.label)).toEqual(['Window', 'Earned']);
    expect(series[1]!.paths).toEqual({ bars: { size: [0.6, 48] } });
    expect(scales.x.time).toBe(false);
  });

  it('rebuilds when the chart changes shape and frees the old one', () => {
    const view = render(
      <UPlotCanvas kind="line" x={[1]} y={[1]} time xSeries="Time" series="Loss" />,
    );
    view.rerender(<UPlotCanvas kind="bars" x={[1]} y={[1]} time xSeries="Time" series="Loss" />);
    expect(made).toHaveLength(2);
    expect(made[0]!.destroyed).toBe(true);
    view.unmount();
    expect(made[1]!.destroyed).toBe(true);
  });
});
