// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../../electron/contract/settings';
import { seriousA11yViolations } from '../../test/axe';
import { failWith, pending } from '../../test/canned-api';
import { doctorReport, nodeStatus, settingsResult, walletSummary } from '../../test/fixtures';
import { cannedStores } from '../../test/render';
import { OnboardingScreen } from '.';

const MNEMONIC =
  'abandon ability able about above absent absorb abstract absurd abuse access accident';
const STRONG = 'violet canoe marble thunder';

/** A settings.update that applies the patch, as the core does. */
const applyPatch = (args: unknown) => {
  const { patch } = args as { patch: object };
  return settingsResult(settingsSchema.partial().parse(patch));
};

function setup(overrides = {}) {
  const { canned, stores } = cannedStores({
    'settings.get': settingsResult(),
    'settings.update': applyPatch,
    'wallet.create': { wallet: walletSummary({ name: 'savings' }), mnemonic: MNEMONIC },
    'doctor.report': doctorReport(),
    'node.start': nodeStatus({ state: 'starting' }),
    ...overrides,
  });
  stores.settings.getState().load();
  render(<OnboardingScreen stores={stores} />);
  return { canned, stores, user: userEvent.setup() };
}

async function createWallet(user: ReturnType<typeof userEvent.setup>, password = STRONG) {
  await user.click(screen.getByRole('button', { name: 'Get started' }));
  await user.click(screen.getByRole('button', { name: 'Create a new wallet' }));
  const name = screen.getByLabelText('Wallet name');
  await user.clear(name);
  await user.type(name, 'savings');
  await user.type(screen.getByLabelText('Password'), password);
  await user.type(screen.getByLabelText('Type the password again'), password);
  await user.click(screen.getByRole('button', { name: 'Create wallet' }));
}

/** The three asked positions, read from their labels ("Word number 4" is index 3). */
const askedWords = () =>
  screen.getAllByLabelText(/^Word number \d+$/).map((input) => {
    const label = document.querySelector(`label[for="${input.id}"]`)!.textContent!;
    return { input, index: Number(label.replace('Word number ', '')) - 1 };
  });

describe('onboarding', () => {
  it('creates a wallet, checks the backup, shows the hardware, saves the network and starts', async () => {
    const { canned, stores, user } = setup();
    await createWallet(user);

    expect(canned.callsTo('wallet.create')).toEqual([{ name: 'savings', password: STRONG }]);
    const phrase = await screen.findByRole('list', { name: 'Recovery phrase' });
    expect(
      within(phrase)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(MNEMONIC.split(' '));
    const next = screen.getByRole('button', { name: 'I have written them down' });
    expect((next as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByLabelText('I have written down all the words in order'));
    await user.click(next);

    const asked = askedWords();
    expect(asked).toHaveLength(3);
    for (const { input } of asked) await user.type(input, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Check words' }));
    expect(screen.getByRole('alert').textContent).toContain('does not match');
    expect(screen.queryByText('Your hardware')).toBeNull();

    const words = MNEMONIC.split(' ');
    for (const { input, index } of asked) {
      await user.clear(input);
      await user.type(input, ` ${words[index]!.toUpperCase()} `);
    }
    await user.click(screen.getByRole('button', { name: 'Check words' }));

    expect(await screen.findByText('Tessera will train with')).toBeTruthy();
    expect(screen.getByText('WebGPU')).toBeTruthy();
    expect(screen.getByText('NVIDIA GeForce RTX 3080 (Vulkan)')).toBeTruthy();
    expect(screen.getByText('5,400 GFLOP/s')).toBeTruthy();
    expect(screen.getByText('NVIDIA CUDA')).toBeTruthy();
    expect(screen.getByText(/The CUDA provider files are not installed/)).toBeTruthy();
    expect(screen.getByText(/npm run setup:cuda/)).toBeTruthy();
    // The phrase is gone once the backup is confirmed, and no store ever kept it.
    expect(document.body.textContent).not.toContain('abandon');
    expect(JSON.stringify(stores.wallet.getState())).not.toContain('abandon');

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      (screen.getByLabelText('Built-in test network (on this computer)') as HTMLInputElement)
        .checked,
    ).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await user.click(await screen.findByRole('button', { name: 'Start training' }));
    expect(canned.callsTo('settings.update')).toEqual([
      { patch: { network: { kind: 'devnet' } } },
      { patch: { identity: { wallet: 'savings', hotkeyName: 'default' } } },
    ]);
    expect(canned.callsTo('node.start')).toEqual([{}]);
    expect(canned.calls.map((c) => c.method).indexOf('node.start')).toBeGreaterThan(
      canned.calls.map((c) => c.method).lastIndexOf('settings.update'),
    );
  });

  it('refuses a weak password and a mismatched confirmation without calling the core', async () => {
    const { canned, user } = setup();
    await createWallet(user, 'password1');
    expect(screen.getByRole('alert').textContent).toContain('too easy to guess');
    expect(screen.getByText(/Password strength: Very weak/)).toBeTruthy();

    await user.type(screen.getByLabelText('Password'), 'x9!Kd');
    await user.click(screen.getByRole('button', { name: 'Create wallet' }));
    expect(screen.getByRole('alert').textContent).toContain('not the same');
    expect(canned.callsTo('wallet.create')).toEqual([]);
  });

  it('shows progress while the key is derived', async () => {
    const { user } = setup({ 'wallet.create': () => pending() });
    await createWallet(user);
    expect(screen.getByRole('status').textContent).toContain('Creating your wallet…');
  });

  it('shows the core’s message and what to do when creation fails, keeping what was typed', async () => {
    const { user } = setup({
      'wallet.create': failWith('wallet-exists', 'A wallet named savings already exists.'),
    });
    await createWallet(user);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('A wallet named savings already exists.');
    expect(alert.textContent).toContain('Choose another name');
    expect((screen.getByLabelText('Wallet name') as HTMLInputElement).value).toBe('savings');
  });

  it('imports from a recovery phrase and adds a hotkey when the wallet has none', async () => {
    const imported = walletSummary({ name: 'old', hotkeys: [] });
    const withHotkey = walletSummary({ name: 'old' });
    const { canned, user } = setup({
      'wallet.import': { wallet: imported },
      'wallet.createHotkey': { wallet: withHotkey },
    });
    await user.click(screen.getByRole('button', { name: 'Get started' }));
    await user.click(screen.getByRole('button', { name: 'Use an existing wallet' }));
    await user.type(screen.getByLabelText('Recovery phrase'), `  ${MNEMONIC.replace(/ /g, '  ')} `);
    await user.type(screen.getByLabelText('Wallet name'), 'old');
    await user.type(screen.getByLabelText('New password for this wallet'), STRONG);
    await user.click(screen.getByRole('button', { name: 'Import wallet' }));

    expect(await screen.findByText('Tessera will train with')).toBeTruthy();
    expect(canned.callsTo('wallet.import')).toEqual([
      { source: 'mnemonic', name: 'old', mnemonic: MNEMONIC, password: STRONG },
    ]);
    expect(canned.callsTo('wallet.createHotkey')).toEqual([
      { wallet: 'old', hotkeyName: 'default' },
    ]);
  });

  it('imports a btcli folder with only its path', async () => {
    const { canned, user } = setup({ 'wallet.import': { wallet: walletSummary() } });
    await user.click(screen.getByRole('button', { name: 'Get started' }));
    await user.click(screen.getByRole('button', { name: 'Use an existing wallet' }));
    await user.click(screen.getByLabelText('A btcli wallet folder'));
    await user.type(screen.getByLabelText('Wallet folder'), '/home/a/.bittensor/wallets/alice');
    expect(screen.queryByLabelText('New password for this wallet')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Import wallet' }));
    await screen.findByText('Tessera will train with');
    expect(canned.callsTo('wallet.import')).toEqual([
      { source: 'btcliFolder', path: '/home/a/.bittensor/wallets/alice' },
    ]);
  });

  it('imports a keyfile with its own password', async () => {
    const { canned, user } = setup({ 'wallet.import': { wallet: walletSummary() } });
    await user.click(screen.getByRole('button', { name: 'Get started' }));
    await user.click(screen.getByRole('button', { name: 'Use an existing wallet' }));
    await user.click(screen.getByLabelText('A coldkey file'));
    await user.type(screen.getByLabelText('Coldkey file'), '/tmp/coldkey');
    await user.type(screen.getByLabelText('Wallet name'), 'alice');
    await user.type(screen.getByLabelText('New password for this wallet'), STRONG);
    await user.type(screen.getByLabelText(/current password/), 'old secret');
    await user.click(screen.getByRole('button', { name: 'Import wallet' }));
    await screen.findByText('Tessera will train with');
    expect(canned.callsTo('wallet.import')).toEqual([
      {
        source: 'keyfile',
        name: 'alice',
        path: '/tmp/coldkey',
        password: STRONG,
        keyfilePassword: 'old secret',
      },
    ]);
  });

  it('says when the phrase is wrong on import', async () => {
    const { user } = setup({
      'wallet.import': failWith('invalid-mnemonic', 'The recovery phrase is not valid.'),
    });
    await user.click(screen.getByRole('button', { name: 'Get started' }));
    await user.click(screen.getByRole('button', { name: 'Use an existing wallet' }));
    await user.type(screen.getByLabelText('Recovery phrase'), 'one two three');
    await user.type(screen.getByLabelText('Wallet name'), 'x');
    await user.type(screen.getByLabelText('New password for this wallet'), STRONG);
    await user.click(screen.getByRole('button', { name: 'Import wallet' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The recovery phrase is not valid.');
    expect(alert.textContent).toContain('Check each word');
  });
});

describe('onboarding hardware check', () => {
  async function toHardware(overrides = {}) {
    const { canned, user } = setup({
      'wallet.import': { wallet: walletSummary() },
      ...overrides,
    });
    await user.click(screen.getByRole('button', { name: 'Get started' }));
    await user.click(screen.getByRole('button', { name: 'Use an existing wallet' }));
    await user.click(screen.getByLabelText('A btcli wallet folder'));
    await user.type(screen.getByLabelText('Wallet folder'), '/w');
    await user.click(screen.getByRole('button', { name: 'Import wallet' }));
    return { canned, user };
  }

  it('shows progress while the check runs', async () => {
    await toHardware({ 'doctor.report': () => pending() });
    expect((await screen.findByRole('status')).textContent).toContain(
      'Checking your graphics card',
    );
    expect((screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('shows the failure and checks again on request', async () => {
    const { canned, user } = await toHardware({
      'doctor.report': failWith('internal', 'The hardware check crashed.'),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('The hardware check crashed.');
    canned.answer({ 'doctor.report': doctorReport() });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('5,400 GFLOP/s')).toBeTruthy();
  });

  it('shows the contract’s refusal of a network setting', async () => {
    const { user } = await toHardware({
      'settings.update': failWith(
        'invalid-arguments',
        'settings.update: patch.network.url: Invalid URL',
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await user.click(screen.getByLabelText('A test network on another computer'));
    await user.type(screen.getByLabelText('Coordinator address'), 'not a url');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'patch.network.url: Invalid URL',
    );
    expect(screen.queryByRole('button', { name: 'Start training' })).toBeNull();
  });

  it('shows why the start failed', async () => {
    const { user } = await toHardware({
      'node.start': failWith('locked', 'The coldkey is locked.'),
    });
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Start training' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The coldkey is locked.');
  });
});

describe('onboarding accessibility', () => {
  it('has no serious violations on any step', async () => {
    const { user } = setup();
    const container = document.body;
    expect(await seriousA11yViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Get started' }));
    await user.click(screen.getByRole('button', { name: 'Create a new wallet' }));
    expect(await seriousA11yViolations(container)).toEqual([]);
    await createWalletFromForm(user);
    await screen.findByRole('list', { name: 'Recovery phrase' });
    expect(await seriousA11yViolations(container)).toEqual([]);
    await user.click(screen.getByLabelText('I have written down all the words in order'));
    await user.click(screen.getByRole('button', { name: 'I have written them down' }));
    expect(await seriousA11yViolations(container)).toEqual([]);
    const words = MNEMONIC.split(' ');
    for (const { input, index } of askedWords()) await user.type(input, words[index]!);
    await user.click(screen.getByRole('button', { name: 'Check words' }));
    await screen.findByText('Tessera will train with');
    expect(await seriousA11yViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByLabelText('Bittensor'));
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});

async function createWalletFromForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Password'), STRONG);
  await user.type(screen.getByLabelText('Type the password again'), STRONG);
  await user.click(screen.getByRole('button', { name: 'Create wallet' }));
}
