// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodResult } from '../../../../electron/contract';
import type { BucketPublication } from '../../../../electron/contract/network';
import type { NetworkSettings } from '../../../../electron/contract/settings';
import { createNetworkStore } from '../../stores/network';
import { createNodeStore } from '../../stores/node';
import { seriousA11yViolations } from '../../test/axe';
import { type CannedResponses, cannedApi, failWith, pending } from '../../test/canned-api';
import { HOTKEY, networkHealth, nodeStatus, settingsResult } from '../../test/fixtures';
import { NetworkScreen } from '.';

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

afterEach(cleanup);

const health = networkHealth;

const OTHER = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';

const metagraph = (): MethodResult<'network.metagraph'> => ({
  netuid: 3,
  block: 4_000_000,
  neurons: [
    {
      uid: 1,
      hotkeyAddress: OTHER,
      stake: '1000000000000',
      validatorPermit: true,
      incentive: 0,
      dividends: 0.5,
      emission: '2000000000',
      lastUpdate: 3_999_990,
    },
  ],
});

const bittensor = settingsResult({ network: { kind: 'bittensor', network: 'test', netuid: 3 } });

const cost = (
  burn: string,
  fee: string,
  free = false,
): MethodResult<'network.registrationCost'> => ({
  network: 'Bittensor test, subnet 3',
  netuid: 3,
  cost: String(BigInt(burn) + BigInt(fee)),
  burn,
  fee,
  free,
});

const publication = (patch: Partial<BucketPublication> = {}): BucketPublication => ({
  network: 'Bittensor test, subnet 3',
  netuid: 3,
  bucket: 'alice-gradients',
  endpoint: 'https://acct.r2.cloudflarestorage.com',
  registered: true,
  published: false,
  fee: '200000',
  ...patch,
});

function setup(responses: CannedResponses = {}) {
  const canned = cannedApi({
    'network.health': health(),
    'settings.get': settingsResult(),
    'node.status': nodeStatus(),
    'node.lossHistory': { points: [] },
    'network.metagraph': metagraph(),
    'network.registrationCost': cost('100000000', '125000'),
    'network.bucketPublication': publication(),
    ...responses,
  });
  const view = render(
    <NetworkScreen network={createNetworkStore(canned.api)} node={createNodeStore(canned.api)} />,
  );
  return { canned, view };
}

describe('NetworkScreen', () => {
  it('says it is loading until the health arrives', () => {
    setup({ 'network.health': () => pending() });
    expect(screen.getByRole('status').textContent).toContain('Loading');
  });

  it('shows why the health could not be read, and tries again', async () => {
    const { canned } = setup({
      'network.health': failWith('unavailable', 'The coordinator does not answer.'),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The coordinator does not answer.');
    canned.answer({ 'network.health': health() });
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Connected')).toBeTruthy();
  });

  it('shows the health in words and units, and the window clock as progress', async () => {
    setup();
    const panel = await screen.findByRole('region', { name: /Embedded devnet/ });
    expect(within(panel).getByText('Connected')).toBeTruthy();
    const progress = within(panel).getByRole('progressbar', { name: /Window 10/ });
    expect(progress.getAttribute('value')).toBe('30');
    expect(progress.getAttribute('max')).toBe('100');
    expect(panel.textContent).toContain('Block height1,030');
    expect(panel.textContent).toContain('Active miners12');
    expect(panel.textContent).toContain('Validators2');
    expect(panel.textContent).toContain('Last weights set5 blocks ago');
    expect(panel.textContent).toContain('Storage response time42 ms');
    expect(panel.textContent).toContain('Updates gathered from peers88 %');
    expect(panel.textContent).toContain('Latest checkpointwindow 9');
  });

  it('says what is wrong when not connected, and follows health events', async () => {
    const { canned } = setup();
    await screen.findByText('Connected');
    act(() =>
      canned.emit('network.health', health({ connected: false, problem: 'No answer for 30 s.' })),
    );
    expect(screen.getByText('Not connected')).toBeTruthy();
    expect(screen.getByText(/No answer for 30 s\./)).toBeTruthy();
  });

  it('charts the run’s loss per window', async () => {
    setup();
    const chart = await screen.findByTestId('chart-line');
    expect(JSON.parse(chart.dataset.x!)).toEqual([8, 9]);
    expect(JSON.parse(chart.dataset.y!)).toEqual([5.5, 5.25]);
    expect(screen.getByText('2 windows; loss went from 5.500 to 5.250.')).toBeTruthy();
  });

  it('says so when no window has been scored', async () => {
    setup({ 'network.health': health({ lossTrend: [] }) });
    expect(await screen.findByText('No windows scored yet.')).toBeTruthy();
  });

  it('offers Bittensor on a devnet, without the metagraph', async () => {
    const { canned } = setup();
    expect(await screen.findByRole('button', { name: 'Switch to Bittensor' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(canned.callsTo('network.metagraph')).toEqual([]);
  });

  it('switches to a Bittensor network with the form', async () => {
    const { canned } = setup({
      'settings.update': (args) =>
        settingsResult({
          network: (args as { patch: { network: NetworkSettings } }).patch.network,
        }),
    });
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Network' }), 'custom');
    await user.type(screen.getByLabelText('Endpoint (ws:// or wss://)'), 'wss://lite.example:443');
    await user.clear(screen.getByLabelText('Subnet number (netuid)'));
    await user.type(screen.getByLabelText('Subnet number (netuid)'), '268');
    await user.click(screen.getByRole('button', { name: 'Switch to Bittensor' }));
    expect(canned.callsTo('settings.update')).toEqual([
      {
        patch: {
          network: {
            kind: 'bittensor',
            network: 'custom',
            endpoint: 'wss://lite.example:443',
            netuid: 268,
          },
        },
      },
    ]);
    expect(
      await screen.findByText('Saved. The app is connecting to the new network.'),
    ).toBeTruthy();
    expect(
      await screen.findByRole('heading', { name: 'Miners and validators on the subnet' }),
    ).toBeTruthy();
  });

  it('refuses an endpoint that is not a WebSocket address, in words', async () => {
    const { canned } = setup();
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Network' }), 'custom');
    await user.type(screen.getByLabelText('Endpoint (ws:// or wss://)'), 'https://example.org');
    await user.click(screen.getByRole('button', { name: 'Switch to Bittensor' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Endpoint (ws:// or wss://): a ws:// or wss:// URL',
    );
    expect(canned.callsTo('settings.update')).toEqual([]);
  });

  describe('on Bittensor', () => {
    it('shows the metagraph with shortened hotkeys and marks my row', async () => {
      setup({
        'settings.get': bittensor,
        'node.status': nodeStatus({ uid: 7 }),
        'network.metagraph': {
          ...metagraph(),
          neurons: [
            ...metagraph().neurons,
            { ...metagraph().neurons[0]!, uid: 7, hotkeyAddress: HOTKEY, validatorPermit: false },
          ],
        },
      });
      const table = await screen.findByRole('table', { name: 'Subnet 3 at block 4000000' });
      const rows = within(table).getAllByRole('row');
      expect(rows).toHaveLength(3);
      expect(rows[1]!.textContent).toContain('5DAAnr…PTXFy');
      expect(within(rows[1]!).getByTitle(OTHER)).toBeTruthy();
      expect(rows[1]!.textContent).toContain('1,000.0000 TAO');
      expect(rows[1]!.textContent).toContain('yes');
      expect(rows[2]!.textContent).toContain('(you)');
      expect(screen.getByText('Your hotkey is registered as UID 7.')).toBeTruthy();
    });

    it('lists the highest earners first, keeps my row, and shows everyone on request', async () => {
      const others = Array.from({ length: 40 }, (_, i) => ({
        ...metagraph().neurons[0]!,
        uid: i,
        hotkeyAddress: `5${String(i).padStart(47, 'A')}`,
        incentive: i / 100,
        emission: String(i * 1_000_000_000),
      }));
      const mine = { ...others[0]!, uid: 40, hotkeyAddress: HOTKEY, incentive: 0 };
      setup({
        'settings.get': bittensor,
        'node.status': nodeStatus({ uid: 40 }),
        'network.metagraph': { ...metagraph(), neurons: [...others, mine] },
      });
      const table = await screen.findByRole('table', { name: 'Subnet 3 at block 4000000' });
      const uids = () =>
        within(table)
          .getAllByRole('rowheader')
          .map((cell) => Number(cell.textContent));
      // uids 39 down to 8 earn most; mine (no incentive) is kept at the end
      expect(uids()).toEqual([...Array.from({ length: 32 }, (_, i) => 39 - i), 40]);
      expect(within(table).getAllByRole('row')[1]!.textContent).toContain('39.0000 α');
      expect(screen.getByText(/Showing 33 of 41, the highest earners first\./)).toBeTruthy();
      await userEvent.click(screen.getByRole('button', { name: 'Show all 41' }));
      expect(uids()).toHaveLength(41);
      expect(screen.getByRole('button', { name: 'Show the top 32' })).toBeTruthy();
    });

    it('says so when no one is registered on the subnet', async () => {
      setup({ 'settings.get': bittensor, 'network.metagraph': { ...metagraph(), neurons: [] } });
      expect(await screen.findByText('No one is registered on this subnet yet.')).toBeTruthy();
    });

    it('shows why the metagraph could not be read', async () => {
      setup({
        'settings.get': bittensor,
        'network.metagraph': failWith('unavailable', 'Subtensor is not reachable.'),
      });
      expect((await screen.findByRole('alert')).textContent).toContain(
        'Subtensor is not reachable.',
      );
      expect(screen.getByText('The subnet’s members could not be read.')).toBeTruthy();
    });

    it('registers only after a confirmation that restates the total and hotkey', async () => {
      const { canned } = setup({
        'settings.get': bittensor,
        'network.register': { uid: 12, hotkeyAddress: HOTKEY, block: 4_000_001, cost: '100125000' },
      });
      const user = userEvent.setup();
      expect(
        await screen.findByText(
          'Registering costs 0.100125 TAO: the subnet’s burn 0.1000 TAO and a network fee 0.000125 TAO.',
        ),
      ).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Register…' }));
      expect(canned.callsTo('network.register')).toEqual([]);

      const confirm = screen.getByRole('region', { name: 'Confirm the registration' });
      expect(confirm.textContent).toContain('pay 0.100125 TAO');
      expect(confirm.textContent).toContain(HOTKEY);
      await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
      expect(canned.callsTo('network.register')).toEqual([]);

      await user.click(screen.getByRole('button', { name: 'Register…' }));
      await user.click(screen.getByRole('button', { name: 'Pay 0.100125 TAO and register' }));
      expect(canned.callsTo('network.register')).toEqual([{ maxCost: '100125000' }]);
      expect(await screen.findByText('Registered. Your UID is 12.')).toBeTruthy();
    });

    it('says "free" when registration is free', async () => {
      setup({ 'settings.get': bittensor, 'network.registrationCost': cost('0', '0', true) });
      expect(await screen.findByText('Registering is free on this network.')).toBeTruthy();
      await userEvent.click(screen.getByRole('button', { name: 'Register…' }));
      expect(screen.getByRole('button', { name: 'Register' })).toBeTruthy();
    });

    it('shows a risen cost and asks again, sending the new amount only when confirmed', async () => {
      const { canned } = setup({
        'settings.get': bittensor,
        'network.register': failWith(
          'rejected',
          'Registering on subnet 3 costs 0.2 TAO now, more than the 0.100125 TAO accepted; nothing was signed.',
        ),
      });
      const user = userEvent.setup();
      await user.click(await screen.findByRole('button', { name: 'Register…' }));
      canned.answer({ 'network.registrationCost': cost('150000000', '125000') });
      await user.click(screen.getByRole('button', { name: 'Pay 0.100125 TAO and register' }));
      expect((await screen.findByRole('alert')).textContent).toBe(
        'The cost has changed to 0.150125 TAO. Check it and confirm again if you still want to register.',
      );
      expect(screen.getByText(/^Registering costs 0\.150125 TAO:/)).toBeTruthy();
      expect(canned.callsTo('network.register')).toEqual([{ maxCost: '100125000' }]);

      canned.answer({
        'network.register': { uid: 12, hotkeyAddress: HOTKEY, block: 4_000_002, cost: '150125000' },
      });
      await user.click(screen.getByRole('button', { name: 'Register…' }));
      await user.click(screen.getByRole('button', { name: 'Pay 0.150125 TAO and register' }));
      expect(canned.callsTo('network.register')).toEqual([
        { maxCost: '100125000' },
        { maxCost: '150125000' },
      ]);
    });

    it('shows a registration failure and what to do when the cost is unchanged', async () => {
      setup({
        'settings.get': bittensor,
        'network.register': failWith('locked', 'Unlock your wallet first.'),
      });
      const user = userEvent.setup();
      await user.click(await screen.findByRole('button', { name: 'Register…' }));
      await user.click(screen.getByRole('button', { name: 'Pay 0.100125 TAO and register' }));
      expect(await screen.findByText('Registration did not go through.')).toBeTruthy();
      const alert = screen.getByRole('alert');
      expect(alert.textContent).toContain('Unlock your wallet first.');
      expect(alert.textContent).toContain('Unlock the wallet on the Wallet screen first.');
      expect(screen.getByRole('button', { name: 'Register…' })).toBeTruthy();
    });

    it('shows why the cost could not be read, and reads it again', async () => {
      const { canned } = setup({
        'settings.get': bittensor,
        'network.registrationCost': failWith('unavailable', 'Subtensor is not reachable.'),
      });
      expect(await screen.findByText('The cost could not be read.')).toBeTruthy();
      const alert = screen.getByRole('alert');
      expect(alert.textContent).toContain('Subtensor is not reachable.');
      canned.answer({ 'network.registrationCost': cost('100000000', '125000') });
      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findByText(/^Registering costs 0\.100125 TAO:/)).toBeTruthy();
    });

    it('asks for a hotkey before registration when there is none', async () => {
      const { canned } = setup({
        'settings.get': bittensor,
        'node.status': nodeStatus({ hotkeyAddress: null }),
      });
      const registration = await screen.findByRole('region', { name: 'Registration' });
      expect(
        await within(registration).findByText('Choose a wallet and hotkey first (Wallet screen).'),
      ).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Register…' })).toBeNull();
      const bucket = screen.getByRole('region', { name: 'Your bucket on the chain' });
      expect(bucket.textContent).toContain('Choose a wallet and hotkey first (Wallet screen).');
      expect(canned.callsTo('network.bucketPublication')).toEqual([]);
    });

    describe('the bucket’s publication', () => {
      const card = () => screen.findByRole('region', { name: 'Your bucket on the chain' });

      it('says it is loading until the publication is read', async () => {
        setup({ 'settings.get': bittensor, 'network.bucketPublication': () => pending() });
        expect(within(await card()).getByRole('status').textContent).toContain('Loading');
      });

      it('shows why the publication could not be read, and tries again', async () => {
        const { canned } = setup({
          'settings.get': bittensor,
          'network.bucketPublication': failWith('unavailable', 'Subtensor is not reachable.'),
        });
        const bucket = await card();
        expect(
          await within(bucket).findByText('Whether your bucket is published could not be read.'),
        ).toBeTruthy();
        const alert = within(bucket).getByRole('alert');
        expect(alert.textContent).toContain('Subtensor is not reachable.');
        canned.answer({ 'network.bucketPublication': publication({ published: true }) });
        await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
        expect(
          await within(bucket).findByText('Published. Peers can find your updates.'),
        ).toBeTruthy();
      });

      it('shows a published bucket with its endpoint, and offers nothing to pay', async () => {
        setup({
          'settings.get': bittensor,
          'network.bucketPublication': publication({ published: true }),
        });
        const bucket = await card();
        expect(
          await within(bucket).findByText('Published. Peers can find your updates.'),
        ).toBeTruthy();
        expect(bucket.textContent).toContain('Bucketalice-gradients');
        expect(bucket.textContent).toContain('Endpointhttps://acct.r2.cloudflarestorage.com');
        expect(screen.queryByRole('button', { name: 'Publish…' })).toBeNull();
      });

      it('asks to register first when the hotkey is not registered', async () => {
        setup({
          'settings.get': bittensor,
          'network.bucketPublication': publication({ registered: false, endpoint: null }),
        });
        const bucket = await card();
        expect(
          await within(bucket).findByText(
            'Register your hotkey first; then publish your bucket here.',
          ),
        ).toBeTruthy();
        expect(bucket.textContent).toContain('Endpointthe provider’s default');
        expect(screen.queryByRole('button', { name: 'Publish…' })).toBeNull();
      });

      it('publishes only after a confirmation that restates bucket, hotkey, subnet and fee', async () => {
        const { canned } = setup({
          'settings.get': bittensor,
          'network.publishBucket': { fee: '200000' },
        });
        const user = userEvent.setup();
        const bucket = await card();
        expect(
          await within(bucket).findByText('Publishing costs a network fee of 0.0002 TAO.'),
        ).toBeTruthy();
        await user.click(within(bucket).getByRole('button', { name: 'Publish…' }));
        const confirm = within(bucket).getByRole('region', { name: 'Confirm the publication' });
        expect(confirm.textContent).toBe(
          `Confirm the publicationYour hotkey ${HOTKEY} will publish bucket alice-gradients, with the keys that read it, on Bittensor test, subnet 3. Anyone can read what is published. Network fee: 0.0002 TAO.Pay 0.0002 TAO and publishCancel`,
        );
        await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
        expect(canned.callsTo('network.publishBucket')).toEqual([]);

        await user.click(within(bucket).getByRole('button', { name: 'Publish…' }));
        canned.answer({ 'network.bucketPublication': publication({ published: true }) });
        await user.click(
          within(bucket).getByRole('button', { name: 'Pay 0.0002 TAO and publish' }),
        );
        expect(canned.callsTo('network.publishBucket')).toEqual([{ maxCost: '200000' }]);
        expect(
          await within(bucket).findByText('Published. Peers can find your updates.'),
        ).toBeTruthy();
        expect(canned.callsTo('network.bucketPublication')).toHaveLength(2);
      });

      it('says publishing is free of fees when the fee is zero', async () => {
        const { canned } = setup({
          'settings.get': bittensor,
          'network.bucketPublication': publication({ fee: '0' }),
          'network.publishBucket': { fee: '0' },
        });
        const user = userEvent.setup();
        const bucket = await card();
        expect(
          await within(bucket).findByText('Publishing is free of fees on this network.'),
        ).toBeTruthy();
        await user.click(within(bucket).getByRole('button', { name: 'Publish…' }));
        expect(within(bucket).getByRole('region').textContent).toContain('Network fee: none.');
        await user.click(within(bucket).getByRole('button', { name: 'Publish' }));
        expect(canned.callsTo('network.publishBucket')).toEqual([{ maxCost: '0' }]);
        expect(await within(bucket).findByText('Published.')).toBeTruthy();
      });

      it('shows a changed fee and asks again, sending the new fee only when confirmed', async () => {
        const { canned } = setup({
          'settings.get': bittensor,
          'network.publishBucket': failWith(
            'rejected',
            'Publishing the commitment costs 0.0005 TAO now, more than the 0.0002 TAO accepted; nothing was signed.',
          ),
        });
        const user = userEvent.setup();
        const bucket = await card();
        await user.click(await within(bucket).findByRole('button', { name: 'Publish…' }));
        canned.answer({ 'network.bucketPublication': publication({ fee: '300000' }) });
        await user.click(
          within(bucket).getByRole('button', { name: 'Pay 0.0002 TAO and publish' }),
        );
        expect((await within(bucket).findByRole('alert')).textContent).toBe(
          'The fee has changed to 0.0003 TAO. Check it and confirm again if you still want to publish.',
        );
        expect(
          within(bucket).getByText('Publishing costs a network fee of 0.0003 TAO.'),
        ).toBeTruthy();

        canned.answer({ 'network.publishBucket': { fee: '300000' } });
        await user.click(within(bucket).getByRole('button', { name: 'Publish…' }));
        await user.click(
          within(bucket).getByRole('button', { name: 'Pay 0.0003 TAO and publish' }),
        );
        expect(canned.callsTo('network.publishBucket')).toEqual([
          { maxCost: '200000' },
          { maxCost: '300000' },
        ]);
      });

      it('shows a failure and what to do when the fee is unchanged', async () => {
        setup({
          'settings.get': bittensor,
          'network.publishBucket': failWith('locked', 'Unlock your wallet first.'),
        });
        const user = userEvent.setup();
        const bucket = await card();
        await user.click(await within(bucket).findByRole('button', { name: 'Publish…' }));
        await user.click(
          within(bucket).getByRole('button', { name: 'Pay 0.0002 TAO and publish' }),
        );
        expect(await within(bucket).findByText('Publishing did not go through.')).toBeTruthy();
        expect(within(bucket).getByRole('alert').textContent).toContain(
          'Unlock your wallet first.',
        );
        expect(within(bucket).getByRole('button', { name: 'Publish…' })).toBeTruthy();
      });

      it('reads the publication again after a registration', async () => {
        const { canned } = setup({
          'settings.get': bittensor,
          'network.bucketPublication': publication({ registered: false }),
          'network.register': {
            uid: 12,
            hotkeyAddress: HOTKEY,
            block: 4_000_001,
            cost: '100125000',
          },
        });
        const user = userEvent.setup();
        await screen.findByText('Register your hotkey first; then publish your bucket here.');
        canned.answer({ 'network.bucketPublication': publication() });
        await user.click(screen.getByRole('button', { name: 'Register…' }));
        await user.click(screen.getByRole('button', { name: 'Pay 0.100125 TAO and register' }));
        expect(
          await screen.findByText('Publishing costs a network fee of 0.0002 TAO.'),
        ).toBeTruthy();
        expect(canned.callsTo('network.bucketPublication')).toHaveLength(2);
      });
    });

    it('has no serious accessibility problems', async () => {
      const { view } = setup({ 'settings.get': bittensor });
      await screen.findByRole('table');
      await screen.findByText(/^Registering costs/);
      await screen.findByText('Publishing costs a network fee of 0.0002 TAO.');
      expect(await seriousA11yViolations(view.container)).toEqual([]);
    });
  });

  it('has no serious accessibility problems on a devnet', async () => {
    const { view } = setup();
    await screen.findByTestId('chart-line');
    expect(await seriousA11yViolations(view.container)).toEqual([]);
  });
});
