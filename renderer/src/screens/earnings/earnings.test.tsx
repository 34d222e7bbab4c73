// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EarningsSummary } from '../../../../electron/contract/earnings';
import { createEarningsStore } from '../../stores/earnings';
import { seriousA11yViolations } from '../../test/axe';
import { type CannedResponses, cannedApi, failWith, pending } from '../../test/canned-api';
import { earningsSummary } from '../../test/fixtures';
import { EarningsScreen } from '.';

// uPlot needs a canvas and matchMedia, which jsdom lacks: the chart's drawing is swapped for a
// stand-in that shows the series handed to it (the real drawing is checked in Chromium).
vi.mock('../../components/uplot-canvas', async () => {
  const { createElement } = await import('react');
  return {
    UPlotCanvas: (props: {
      kind: string;
      x: number[];
      y: number[];
      time: boolean;
      series: string;
    }) =>
      createElement('div', {
        'data-testid': `chart-${props.kind}`,
        'data-x': JSON.stringify(props.x),
        'data-y': JSON.stringify(props.y),
        'data-time': String(props.time),
        'data-series': props.series,
      }),
  };
});

const withHistory = (): EarningsSummary => ({
  ...earningsSummary(),
  perDay: [
    { day: '2026-11-26', amount: '1500000000' },
    { day: '2026-11-27', amount: '250000000' },
  ],
  perWindow: [
    { window: 41, block: 4_100, at: 1_700_000_000_000, amount: '100000000' },
    { window: 42, block: 4_200, at: 1_700_000_100_000, amount: '150000000' },
  ],
});

/** The download as the page hands it over: blob contents, filename, and the link clicked. */
const downloads: { filename: string; href: string }[] = [];
const blobs = new Map<string, Blob>();

beforeEach(() => {
  downloads.length = 0;
  blobs.clear();
  // jsdom has no object URLs and does not download on a click; these record what would be saved.
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:tessera/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ filename: this.download, href: this.href });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function setup(responses: CannedResponses = {}) {
  const canned = cannedApi({ 'earnings.summary': earningsSummary(), ...responses });
  const store = createEarningsStore(canned.api);
  const view = render(<EarningsScreen earnings={store} />);
  return { canned, view };
}

describe('EarningsScreen', () => {
  it('says it is loading until the summary arrives', () => {
    setup({ 'earnings.summary': () => pending() });
    expect(screen.getByRole('status').textContent).toContain('Loading');
  });

  it('shows why the summary could not be read, and tries again', async () => {
    const { canned } = setup({
      'earnings.summary': failWith('unavailable', 'The chain is not reachable.'),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The chain is not reachable.');
    canned.answer({ 'earnings.summary': earningsSummary() });
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('12.5000 TAO')).toBeTruthy();
  });

  it('tells a new miner that earnings come later', async () => {
    setup({
      'earnings.summary': {
        ...earningsSummary(),
        total: '0',
        today: '0',
        pending: '0',
        received: '0',
        rank: null,
        incentive: null,
      },
    });
    expect(await screen.findByText(/No earnings yet/)).toBeTruthy();
    expect(screen.getByText('(not ranked yet (40 miners))')).toBeTruthy();
  });

  it('shows totals in TAO, pending apart from received, and the rank in words', async () => {
    setup();
    const totals = await screen.findByRole('region', { name: 'Totals' });
    expect(totals.textContent).toContain('Earned in total12.5000 TAO');
    expect(totals.textContent).toContain('Earned today0.2500 TAO');
    expect(totals.textContent).toContain('0.5000 TAO');
    expect(totals.textContent).toContain('12.0000 TAO');
    const standing = screen.getByRole('region', { name: 'Where you stand' });
    expect(standing.textContent).toContain('2.00 %');
    expect(standing.textContent).toContain('rank 3 of 40 miners');
    expect(standing.textContent).not.toContain('α');
    expect(totals.textContent).not.toContain('≈');
  });

  it('counts a subnet’s earnings in alpha, with their value in TAO at the current price', async () => {
    setup({
      'earnings.summary': {
        ...earningsSummary(),
        unit: 'alpha',
        alphaPriceTao: 0.0328,
        inTao: { today: '8200000', total: '410000000' },
      },
    });
    const totals = await screen.findByRole('region', { name: 'Totals' });
    expect(totals.textContent).toContain('Earned in total12.5000 α (≈ 0.4100 TAO)');
    expect(totals.textContent).toContain('Earned today0.2500 α (≈ 0.0082 TAO)');
    expect(totals.textContent).toContain('0.5000 α');
    expect(totals.textContent).toContain('12.0000 α');
    expect(totals.textContent?.match(/TAO/g)).toHaveLength(2);
    expect(screen.getByText('1 α = 0.0328 TAO')).toBeTruthy();
  });

  it('shows alpha without a TAO value while the price is unknown', async () => {
    setup({ 'earnings.summary': { ...earningsSummary(), unit: 'alpha' } });
    const totals = await screen.findByRole('region', { name: 'Totals' });
    expect(totals.textContent).toContain('Earned in total12.5000 α');
    expect(totals.textContent).not.toContain('TAO');
  });

  it('charts and lists alpha history in alpha', async () => {
    setup({ 'earnings.summary': { ...withHistory(), unit: 'alpha' } });
    const perDay = await screen.findByTestId('chart-bars');
    expect(perDay.dataset.series).toBe('Earned (α)');
    expect(JSON.parse(perDay.dataset.y!)).toEqual([1.5, 0.25]);
    const dayTable = screen.getByRole('table', { name: 'Earnings per day' });
    expect(within(dayTable).getByRole('row', { name: '2026-11-26 1.5000 α' })).toBeTruthy();
  });

  it('estimates alpha per day in alpha', async () => {
    setup({
      'earnings.summary': { ...earningsSummary(), unit: 'alpha', estimatedPerDay: '750000000' },
    });
    expect(
      await screen.findByText('At the current rate you earn about 0.7500 α per day.'),
    ).toBeTruthy();
  });

  it('shows the alpha price when the subnet has one', async () => {
    setup({ 'earnings.summary': { ...earningsSummary(), alphaPriceTao: 0.0125 } });
    expect(await screen.findByText('1 α = 0.0125 TAO')).toBeTruthy();
  });

  it('charts earnings per day, then per window, with a table of the same amounts', async () => {
    setup({ 'earnings.summary': withHistory() });
    const perDay = await screen.findByTestId('chart-bars');
    expect(JSON.parse(perDay.dataset.y!)).toEqual([1.5, 0.25]);
    expect(JSON.parse(perDay.dataset.x!)).toEqual([
      Date.UTC(2026, 10, 26) / 1000,
      Date.UTC(2026, 10, 27) / 1000,
    ]);
    expect(perDay.dataset.time).toBe('true');
    expect(perDay.dataset.series).toBe('Earned (TAO)');
    const dayTable = screen.getByRole('table', { name: 'Earnings per day' });
    expect(within(dayTable).getByRole('row', { name: '2026-11-26 1.5000 TAO' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Per window' }));
    const perWindow = screen.getByTestId('chart-bars');
    expect(JSON.parse(perWindow.dataset.x!)).toEqual([41, 42]);
    expect(JSON.parse(perWindow.dataset.y!)).toEqual([0.1, 0.15]);
    expect(perWindow.dataset.time).toBe('false');
    expect(screen.getByRole('button', { name: 'Per window' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByRole('row', { name: 'Window 42 0.1500 TAO' })).toBeTruthy();
  });

  it('shows the estimate per day where the network keeps no history', async () => {
    setup({ 'earnings.summary': { ...earningsSummary(), estimatedPerDay: '750000000' } });
    expect(
      await screen.findByText('At the current rate you earn about 0.7500 TAO per day.'),
    ).toBeTruthy();
    expect(screen.queryByTestId('chart-bars')).toBeNull();
  });

  it('reads the summary again when a reward arrives', async () => {
    const { canned } = setup();
    await screen.findByText('12.5000 TAO');
    canned.answer({ 'earnings.summary': { ...earningsSummary(), total: '13000000000' } });
    act(() => canned.emit('node.reward', { window: 43, amount: '500000000', unit: 'tao', at: 1 }));
    expect(await screen.findByText('13.0000 TAO')).toBeTruthy();
    expect(canned.callsTo('earnings.summary')).toHaveLength(2);
  });

  it('exports the CSV as a download with the given filename and says so', async () => {
    const csv = 'window,block,at,amount_rao\n42,4200,1700000100000,150000000\n';
    setup({ 'earnings.exportCsv': { filename: 'tessera-earnings-2026-11-28.csv', csv } });
    await userEvent.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    expect(
      await screen.findByText('Saved as tessera-earnings-2026-11-28.csv in your downloads.'),
    ).toBeTruthy();
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.filename).toBe('tessera-earnings-2026-11-28.csv');
    const blob = blobs.get(downloads[0]!.href);
    expect(await blob?.text()).toBe(csv);
  });

  it('says why an export failed', async () => {
    setup({ 'earnings.exportCsv': failWith('unavailable', 'No history to export.') });
    await userEvent.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    expect(await screen.findByText('The export did not work: No history to export.')).toBeTruthy();
    expect(downloads).toHaveLength(0);
  });

  it('has no serious accessibility problems', async () => {
    const { view } = setup({ 'earnings.summary': withHistory() });
    await screen.findByTestId('chart-bars');
    expect(await seriousA11yViolations(view.container)).toEqual([]);
  });
});
