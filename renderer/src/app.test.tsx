// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { settingsSchema } from '../../electron/contract/settings';
import { App } from './app';
import { createUiStore, type Screen } from './stores/ui';
import { seriousA11yViolations } from './test/axe';
import { type CannedResponses, failWith, pending } from './test/canned-api';
import { appInfo, COLDKEY, nodeStatus, settingsResult, walletSummary } from './test/fixtures';
import { cannedStores } from './test/render';

// The other screens' charts load uPlot, which needs a canvas and matchMedia that jsdom lacks; the
// shell's tests never show those screens.
vi.mock('./components/uplot-canvas', () => ({ UPlotCanvas: () => null }));

function setup(responses: CannedResponses = {}, screenShown: Screen = 'settings') {
  const { canned, stores } = cannedStores({
    'app.info': appInfo(true),
    'settings.get': settingsResult(),
    'wallet.list': { wallets: [walletSummary()] },
    'earnings.summary': failWith('unavailable', 'Not connected.'),
    'logs.recent': { lines: [] },
    'doctor.report': () => pending(),
    ...responses,
  });
  stores.ui = createUiStore(screenShown);
  render(<App stores={stores} />);
  return { canned, stores, user: userEvent.setup() };
}

const nav = () => screen.getByRole('navigation', { name: 'Main' });

describe('the app shell', () => {
  it('shows progress until the core answers', () => {
    setup({ 'app.info': () => pending() });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tessera');
    expect(screen.getByRole('status').textContent).toContain('Starting Tessera');
  });

  it('says when the core cannot be reached, and tries again', async () => {
    const { canned, user } = setup({
      'app.info': failWith('unavailable', 'The app did not answer: connection refused'),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('connection refused');
    expect(screen.getByText('Tessera could not reach its core')).toBeTruthy();
    canned.answer({ 'app.info': appInfo(true) });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('opens onboarding until a wallet exists, and the app once mining starts', async () => {
    const { stores } = setup({ 'app.info': appInfo(false), 'node.start': nodeStatus() });
    expect(await screen.findByRole('heading', { name: 'Welcome to Tessera' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    await act(() => stores.app.getState().startMining());
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('lists every screen in the sidebar and marks the current one', async () => {
    const { user } = setup();
    await screen.findByRole('navigation', { name: 'Main' });
    const items = within(nav()).getAllByRole('button');
    expect(items.map((b) => b.textContent)).toEqual([
      'Dashboard',
      'Earnings',
      'Network',
      'Wallet',
      'Settings',
      'Logs',
    ]);
    expect(within(nav()).getByRole('button', { current: 'page' }).textContent).toBe('Settings');
    await user.click(within(nav()).getByRole('button', { name: 'Wallet' }));
    expect(within(nav()).getByRole('button', { current: 'page' }).textContent).toBe('Wallet');
    expect(await screen.findByRole('heading', { level: 2, name: 'Wallet' })).toBeTruthy();
  });

  it('is navigable from the keyboard', async () => {
    const { user } = setup();
    await screen.findByRole('navigation', { name: 'Main' });
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Dashboard');
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Logs');
    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Logs and diagnostics' }),
    ).toBeTruthy();
  });

  it('applies the theme setting and follows its changes', async () => {
    const { canned } = setup({ 'settings.get': settingsResult({ theme: 'dark' }) });
    await screen.findByRole('navigation', { name: 'Main' });
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() =>
      canned.emit('settings.changed', { settings: settingsSchema.parse({ theme: 'system' }) }),
    );
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('has no serious accessibility violations', async () => {
    setup({}, 'wallet');
    await screen.findByText(COLDKEY);
    expect(await seriousA11yViolations(document.body)).toEqual([]);
  });
});
