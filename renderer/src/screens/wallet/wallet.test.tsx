// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/axe';
import { type CannedResponses, failWith, pending } from '../../test/canned-api';
import {
  COLDKEY,
  earningsSummary,
  HOTKEY,
  settingsResult,
  walletSummary,
} from '../../test/fixtures';
import { cannedStores } from '../../test/render';
import { WalletScreen } from '.';

function setup(responses: CannedResponses = {}) {
  const { canned, stores } = cannedStores({
    'wallet.list': { wallets: [walletSummary()] },
    'earnings.summary': earningsSummary(),
    'settings.get': settingsResult({ identity: { wallet: 'alice', hotkeyName: 'default' } }),
    ...responses,
  });
  stores.settings.getState().load();
  const view = render(<WalletScreen wallet={stores.wallet} settings={stores.settings} />);
  return { canned, stores, view, user: userEvent.setup() };
}

const text = (el: Element) => el.textContent ?? '';

describe('wallet screen', () => {
  it('shows progress while the wallets load', () => {
    setup({ 'wallet.list': () => pending() });
    expect(text(screen.getByRole('status'))).toContain('Reading your wallets');
  });

  it('shows why the wallets could not be read, and reads them again on request', async () => {
    const { canned, user } = setup({
      'wallet.list': failWith('fs', 'The wallets folder cannot be read.'),
    });
    expect(text(await screen.findByRole('alert'))).toContain('The wallets folder cannot be read.');
    canned.answer({ 'wallet.list': { wallets: [walletSummary()] } });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(COLDKEY)).toBeTruthy();
  });

  it('says so when there is no wallet', async () => {
    setup({ 'wallet.list': { wallets: [] } });
    expect(await screen.findByText('There is no wallet on this computer yet.')).toBeTruthy();
  });

  it('shows the addresses, copies them and draws a QR code', async () => {
    const { user } = setup();
    expect(await screen.findByText(COLDKEY)).toBeTruthy();
    expect(screen.getByText(HOTKEY)).toBeTruthy();
    expect(screen.getByText(/used for training/)).toBeTruthy();

    const coldkey = screen.getByRole('region', { name: 'Coldkey (receives your earnings)' });
    await user.click(within(coldkey).getByRole('button', { name: 'Copy address' }));
    expect(await navigator.clipboard.readText()).toBe(COLDKEY);
    expect(text(within(coldkey).getByRole('status'))).toBe('Copied');

    await user.click(within(coldkey).getByRole('button', { name: 'Show QR code' }));
    const qr = await within(coldkey).findByRole('img', { name: 'QR code of the coldkey address' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(atob(qr.getAttribute('src')!.split(',')[1]!)).toContain('<svg');
  });

  it('shows earnings totals in TAO', async () => {
    setup();
    const panel = await screen.findByRole('region', { name: 'Earnings' });
    expect(await within(panel).findByText('12.5000 TAO')).toBeTruthy();
    expect(within(panel).getByText('0.5000 TAO')).toBeTruthy();
    expect(within(panel).getByText('12.0000 TAO')).toBeTruthy();
  });

  it('shows earnings totals in alpha where the subnet pays in alpha', async () => {
    setup({ 'earnings.summary': { ...earningsSummary(), unit: 'alpha' } });
    const panel = await screen.findByRole('region', { name: 'Earnings' });
    expect(await within(panel).findByText('12.5000 α')).toBeTruthy();
    expect(panel.textContent).not.toContain('TAO');
  });

  it('shows why the earnings are missing', async () => {
    setup({ 'earnings.summary': failWith('unavailable', 'The network is not connected.') });
    const panel = await screen.findByRole('region', { name: 'Earnings' });
    expect(text(await within(panel).findByRole('alert'))).toContain(
      'The network is not connected.',
    );
  });

  it('unlocks with the password, remembering it when asked, and locks again', async () => {
    const { canned, user } = setup({
      'wallet.unlock': {
        wallet: walletSummary({ unlocked: true, unlockRemembered: true }),
        autoLockMs: 900_000,
      },
      'wallet.lock': { locked: ['alice'] },
    });
    const panel = await screen.findByRole('region', { name: /^Lock/ });
    expect(text(panel)).toContain('Locked');
    await user.type(within(panel).getByLabelText('Wallet password'), 'hunter2 hunter2');
    await user.click(within(panel).getByLabelText(/Remember on this computer/));
    await user.click(within(panel).getByRole('button', { name: 'Unlock' }));
    expect(canned.callsTo('wallet.unlock')).toEqual([
      { wallet: 'alice', remember: true, password: 'hunter2 hunter2' },
    ]);
    expect(text(await screen.findByRole('region', { name: 'Lock: Unlocked' }))).toContain(
      '15 min 0 s',
    );
    await user.click(screen.getByRole('button', { name: 'Lock now' }));
    expect(await screen.findByRole('region', { name: 'Lock: Locked' })).toBeTruthy();
  });

  it('follows lock changes the core announces', async () => {
    const { canned } = setup();
    await screen.findByRole('region', { name: 'Lock: Locked' });
    canned.emit('wallet.status', { wallet: 'alice', unlocked: true, reason: 'unlocked' });
    expect(await screen.findByRole('region', { name: 'Lock: Unlocked' })).toBeTruthy();
    canned.emit('wallet.status', { wallet: 'alice', unlocked: false, reason: 'auto-locked' });
    expect(await screen.findByRole('region', { name: 'Lock: Locked' })).toBeTruthy();
  });

  it('shows a wrong password and the wait after too many tries', async () => {
    const { canned, user } = setup({
      'wallet.unlock': failWith('wrong-password', 'The password is wrong.'),
    });
    const panel = await screen.findByRole('region', { name: 'Lock: Locked' });
    await user.type(within(panel).getByLabelText('Wallet password'), 'nope');
    await user.click(within(panel).getByRole('button', { name: 'Unlock' }));
    expect(text(await within(panel).findByRole('alert'))).toContain('The password is wrong.');
    canned.answer({ 'wallet.unlock': failWith('throttled', 'Too many wrong passwords.', 30_000) });
    await user.type(within(panel).getByLabelText('Wallet password'), 'nope');
    await user.click(within(panel).getByRole('button', { name: 'Unlock' }));
    expect(text(await within(panel).findByRole('alert'))).toContain('Wait 30 s');
  });

  it('unlocks with a remembered password, and forgets it', async () => {
    const remembered = walletSummary({ unlockRemembered: true });
    const { canned, user } = setup({
      'wallet.list': { wallets: [remembered] },
      'wallet.unlock': { wallet: { ...remembered, unlocked: true }, autoLockMs: 60_000 },
      'wallet.forgetPassword': {
        wallet: { ...remembered, unlocked: true, unlockRemembered: false },
      },
    });
    await user.click(
      await screen.findByRole('button', { name: 'Unlock with the remembered password' }),
    );
    expect(canned.callsTo('wallet.unlock')).toEqual([{ wallet: 'alice', remember: false }]);
    await user.click(await screen.findByRole('button', { name: 'Forget the remembered password' }));
    expect(canned.callsTo('wallet.forgetPassword')).toEqual([{ wallet: 'alice' }]);
    await screen.findByRole('region', { name: 'Lock: Unlocked' });
    expect(screen.queryByText('This computer remembers the password.')).toBeNull();
  });

  it('changes the password, refusing a weak one first', async () => {
    const { canned, user } = setup({ 'wallet.changePassword': { wallet: walletSummary() } });
    const form = await screen.findByRole('form', { name: 'Change password' });
    await user.type(within(form).getByLabelText('Current password'), 'old one');
    await user.type(within(form).getByLabelText('New password'), 'abc');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(text(within(form).getByRole('alert'))).toContain('too easy to guess');
    await user.clear(within(form).getByLabelText('New password'));
    await user.type(within(form).getByLabelText('New password'), 'violet canoe marble thunder');
    await user.type(
      within(form).getByLabelText('Type the new password again'),
      'violet canoe marble thunder',
    );
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(text(await within(form).findByRole('status'))).toContain('Password changed.');
    expect(canned.callsTo('wallet.changePassword')).toEqual([
      { wallet: 'alice', oldPassword: 'old one', newPassword: 'violet canoe marble thunder' },
    ]);
  });

  it('exports the keyfile and says where it went', async () => {
    const { canned, user } = setup({
      'wallet.exportKeyfile': { path: '/backup/alice-coldkey', ss58Address: COLDKEY },
    });
    const form = await screen.findByRole('form', { name: 'Export the coldkey file' });
    await user.type(within(form).getByLabelText('Wallet password'), 'secret');
    await user.type(within(form).getByLabelText(/Save to/), '/backup/alice-coldkey');
    await user.click(within(form).getByRole('button', { name: 'Export' }));
    expect(text(await within(form).findByRole('status'))).toContain(
      'Saved to /backup/alice-coldkey.',
    );
    expect(canned.callsTo('wallet.exportKeyfile')).toEqual([
      { wallet: 'alice', password: 'secret', destination: '/backup/alice-coldkey' },
    ]);
  });

  it('adds a hotkey and lists it', async () => {
    const withMiner = walletSummary({
      hotkeys: [
        ...walletSummary().hotkeys,
        {
          name: 'miner2',
          ss58Address: COLDKEY.replace('5G', '5H'),
          accountId: null,
          encrypted: false,
        },
      ],
    });
    const { user } = setup({ 'wallet.createHotkey': { wallet: withMiner } });
    const form = await screen.findByRole('form', { name: 'Add a hotkey' });
    await user.type(within(form).getByLabelText('Hotkey name'), 'miner2');
    await user.click(within(form).getByRole('button', { name: 'Add hotkey' }));
    expect(text(await within(form).findByRole('status'))).toContain('Hotkey "miner2" added.');
    expect(screen.getByRole('heading', { name: 'miner2' })).toBeTruthy();
  });

  it('has no serious accessibility violations', async () => {
    const { user } = setup();
    await screen.findByText(COLDKEY);
    await user.click(screen.getAllByRole('button', { name: 'Show QR code' })[0]!);
    await screen.findByRole('img');
    expect(await seriousA11yViolations(document.body)).toEqual([]);
  });
});
