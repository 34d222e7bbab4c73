// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LossPoint } from '../../../../electron/contract/node';
import { type BatchScheduler, createNodeStore } from '../../stores/node';
import { createTelemetryStore } from '../../stores/telemetry';
import { seriousA11yViolations } from '../../test/axe';
import { type CannedResponses, cannedApi, failWith, pending } from '../../test/canned-api';
import { nodeStatus, telemetrySnapshot } from '../../test/fixtures';
import { DashboardScreen } from '.';

// uPlot needs a canvas and matchMedia, which jsdom lacks: the chart's drawing is swapped for a
// stand-in that shows the series handed to it (the real drawing is checked in Chromium).
vi.mock('../../components/uplot-canvas', async () => {
  const { createElement } = await import('react');
  return {
    UPlotCanvas: (props: { kind: string; x: number[]; y: number[] }) =>
      createElement('div', {
        'data-testid': `chart-${props.kind}`,
        'data-x': JSON.stringify(props.x),
        'data-y': JSON.stringify(props.y),
      }),
  };
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const point = (step: number, loss: number): LossPoint => ({
  window: 7,
  step,
  loss,
  tokensPerSec: 1200,
  at: 1_700_000_000_000 + step * 1000,
});

/** Batches wait here until the test hands them on, as a frame would. */
function manualFrames() {
  const waiting: (() => void)[] = [];
  const scheduler: BatchScheduler = {
    now: () => 0,
    after: (_ms, run) => waiting.push(run),
    frame: (run) => waiting.push(run),
  };
  const flush = () =>
    act(() => {
      for (const run of waiting.splice(0)) run();
    });
  return { scheduler, flush };
}

function setup(responses: CannedResponses = {}) {
  const canned = cannedApi({
    'node.status': nodeStatus(),
    'node.lossHistory': { points: [] },
    'telemetry.latest': telemetrySnapshot(),
    ...responses,
  });
  const frames = manualFrames();
  const node = createNodeStore(canned.api, frames.scheduler);
  const telemetry = createTelemetryStore(canned.api);
  const view = render(<DashboardScreen node={node} telemetry={telemetry} />);
  return { canned, frames, view };
}

describe('DashboardScreen', () => {
  it('says it is loading until the status arrives', () => {
    setup({ 'node.status': () => pending() });
    expect(screen.getByRole('status').textContent).toContain('Loading');
  });

  it('shows why the status could not be read, and tries again', async () => {
    const { canned } = setup({
      'node.status': failWith('unavailable', 'The core is not running.'),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The core is not running.');
    canned.answer({ 'node.status': nodeStatus() });
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Stopped')).toBeTruthy();
  });

  it('starts the miner with Start and shows the new state in words', async () => {
    const { canned } = setup({ 'node.start': nodeStatus({ state: 'starting' }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Start' }));
    expect(canned.callsTo('node.start')).toEqual([{}]);
    expect(await screen.findByText('Starting')).toBeTruthy();
  });

  it('pauses, for an hour when asked', async () => {
    const { canned } = setup({
      'node.status': nodeStatus({ state: 'training', phase: 'train' }),
      'node.pause': nodeStatus({ state: 'paused' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Pause for 1 hour' }));
    expect(canned.callsTo('node.pause')).toEqual([{ minutes: 60 }]);
  });

  it('shows why it is paused, each reason as an icon and words, and offers Resume', async () => {
    const { canned } = setup({
      'node.status': nodeStatus({
        state: 'paused',
        pauseReasons: [
          { kind: 'battery', message: 'The laptop is running on battery.' },
          { kind: 'user', message: 'You paused training.' },
        ],
      }),
      'node.resume': nodeStatus({ state: 'training' }),
    });
    const reasons = await screen.findByRole('region', { name: 'Paused because' });
    expect(reasons.textContent).toContain('On battery: The laptop is running on battery.');
    expect(reasons.textContent).toContain('You paused it: You paused training.');
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(canned.callsTo('node.resume')).toEqual([{}]);
  });

  it('offers Pause, not Resume, when only the computer is holding training', async () => {
    setup({
      'node.status': nodeStatus({
        state: 'paused',
        pauseReasons: [{ kind: 'temperature', message: 'The GPU is at 88 °C.' }],
      }),
    });
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
    expect(screen.getByText('GPU too hot')).toBeTruthy();
  });

  it('says what stopped training and offers to start again', async () => {
    setup({
      'node.status': nodeStatus({
        state: 'error',
        error: { kind: 'no-provider', message: 'No GPU could run the model.' },
      }),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('No GPU could run the model.');
    expect(screen.getByRole('button', { name: 'Start again' })).toBeTruthy();
  });

  it('shows a trainer restart', async () => {
    setup({
      'node.status': nodeStatus({
        state: 'starting',
        restart: { reason: 'out of memory', attempt: 2, at: 1_700_000_000_000 },
      }),
    });
    expect(await screen.findByText(/out of memory.*attempt 2/)).toBeTruthy();
  });

  it('announces an automatic start and cancels it with a pause', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const { canned } = setup({
      'node.status': nodeStatus({ state: 'stopped', startingAt: 1_700_000_012_000 }),
      'node.pause': nodeStatus({ state: 'paused' }),
    });
    expect(await screen.findByText('Training starts by itself in 12 s.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the start' }));
    expect(canned.callsTo('node.pause')).toEqual([{}]);
  });

  it('draws the window as phases, progress and times to the deadline and the end', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    setup({
      'node.status': nodeStatus({
        state: 'training',
        phase: 'train',
        window: 7,
        windowClock: {
          window: 7,
          block: 725,
          startBlock: 700,
          uploadDeadlineBlock: 780,
          endBlock: 800,
          blockMs: 12_000,
          blockAt: 1_700_000_000_000,
        },
      }),
    });
    const bar = await screen.findByRole('progressbar', { name: 'Window 7' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuetext')).toBe('Block 725 of 700 to 800');
    expect(screen.getByText('Train').closest('li')?.getAttribute('aria-current')).toBe('step');
    expect(screen.getByText('in 11 min 0 s')).toBeTruthy();
    expect(screen.getByText('in 15 min 0 s')).toBeTruthy();
  });

  it('charts the loss history, then appends streamed points in batches', async () => {
    const { canned, frames } = setup({
      'node.status': nodeStatus({ state: 'training', tokensPerSec: 1234 }),
      'node.lossHistory': { points: [point(1, 4.5), point(2, 4.25)] },
    });
    const chart = await screen.findByTestId('chart-line');
    expect(JSON.parse(chart.dataset.y!)).toEqual([4.5, 4.25]);
    expect(screen.getByText('1,234 tokens/s')).toBeTruthy();

    act(() => {
      canned.emit('node.loss', point(3, 4.0));
      canned.emit('node.loss', point(4, 3.875));
    });
    // Nothing is drawn until the batch is handed on, however many points arrive.
    expect(JSON.parse(screen.getByTestId('chart-line').dataset.y!)).toEqual([4.5, 4.25]);
    frames.flush();
    expect(JSON.parse(screen.getByTestId('chart-line').dataset.y!)).toEqual([
      4.5, 4.25, 4.0, 3.875,
    ]);
    expect(screen.getByText('4 points; started at 4.500, now 3.875, lowest 3.875.')).toBeTruthy();
  });

  it('says so when there is no loss yet', async () => {
    setup();
    expect(await screen.findByText('The loss appears here once training starts.')).toBeTruthy();
    expect(screen.queryByTestId('chart-line')).toBeNull();
  });

  it('shows GPU gauges with units, and "not available" for a missing reading', async () => {
    const snapshot = telemetrySnapshot();
    snapshot.gpus[0]!.powerW = null;
    setup({ 'telemetry.latest': snapshot });
    const temperature = await screen.findByRole('meter', { name: 'Temperature' });
    expect(temperature.getAttribute('aria-valuenow')).toBe('71');
    expect(temperature.getAttribute('aria-valuetext')).toBe('71 °C');
    expect(screen.getByRole('meter', { name: 'Busy' }).getAttribute('aria-valuetext')).toBe('97 %');
    expect(screen.queryByRole('meter', { name: 'Power' })).toBeNull();
    expect(screen.getByText('not available')).toBeTruthy();
  });

  it('follows telemetry samples', async () => {
    const { canned } = setup();
    await screen.findByRole('meter', { name: 'Temperature' });
    const hotter = telemetrySnapshot();
    hotter.at += 1000;
    hotter.gpus[0]!.temperatureC = 80;
    act(() => canned.emit('telemetry.sample', hotter));
    expect(screen.getByRole('meter', { name: 'Temperature' }).getAttribute('aria-valuenow')).toBe(
      '80',
    );
  });

  it('says why there are no GPU readings', async () => {
    setup({
      'telemetry.latest': { at: 1, gpus: [], unavailableReason: 'No NVIDIA driver found.' },
    });
    expect(
      await screen.findByText('GPU readings are not available: No NVIDIA driver found.'),
    ).toBeTruthy();
  });

  it("shows today's contribution with units", async () => {
    setup({
      'node.status': nodeStatus({
        earnedToday: '250000000',
        windowsTrained: 12,
        bytesUp: 3 * 2 ** 20,
      }),
    });
    const today = await screen.findByRole('region', { name: 'Today' });
    expect(today.textContent).toContain('Earned today0.2500 TAO');
    expect(today.textContent).toContain('12');
    expect(today.textContent).toContain('3.0 MiB');
  });

  it('counts today’s earnings in alpha on a subnet that pays in alpha', async () => {
    setup({ 'node.status': nodeStatus({ earnedToday: '250000000', earningsUnit: 'alpha' }) });
    const today = await screen.findByRole('region', { name: 'Today' });
    expect(today.textContent).toContain('Earned today0.2500 α');
    expect(today.textContent).not.toContain('TAO');
  });

  it('has no serious accessibility problems', async () => {
    const { view } = setup({
      'node.status': nodeStatus({
        state: 'paused',
        pauseReasons: [{ kind: 'battery', message: 'On battery.' }],
        tokensPerSec: 900,
        windowClock: {
          window: 7,
          block: 725,
          startBlock: 700,
          uploadDeadlineBlock: 780,
          endBlock: 800,
          blockMs: 12_000,
          blockAt: Date.now(),
        },
      }),
      'node.lossHistory': { points: [point(1, 4.5)] },
    });
    await screen.findByRole('meter', { name: 'Temperature' });
    expect(await seriousA11yViolations(view.container)).toEqual([]);
  });
});
