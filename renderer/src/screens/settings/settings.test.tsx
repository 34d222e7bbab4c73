// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../../electron/contract/settings';
import { seriousA11yViolations } from '../../test/axe';
import { type CannedResponses, failWith, pending } from '../../test/canned-api';
import { settingsResult, telemetrySnapshot } from '../../test/fixtures';
import { cannedStores } from '../../test/render';
import { SettingsScreen } from '.';

/** A settings.update that applies the patch, as the core does. */
const applyPatch = (args: unknown) =>
  settingsResult(settingsSchema.partial().parse((args as { patch: object }).patch));

function setup(responses: CannedResponses = {}) {
  const { canned, stores } = cannedStores({
    'settings.get': settingsResult(),
    'settings.update': applyPatch,
    'telemetry.latest': telemetrySnapshot(),
    ...responses,
  });
  render(<SettingsScreen settings={stores.settings} />);
  return { canned, stores, user: userEvent.setup() };
}

const text = (el: Element) => el.textContent ?? '';
const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const save = () => screen.getByRole('button', { name: 'Save changes' });

describe('settings screen', () => {
  it('shows progress while loading', () => {
    setup({ 'settings.get': () => pending() });
    expect(text(screen.getByRole('status'))).toContain('Loading settings');
  });

  it('shows why the settings could not be read and reads them again', async () => {
    const { canned, user } = setup({
      'settings.get': failWith('fs', 'settings.json is not valid JSON.'),
    });
    expect(text(await screen.findByRole('alert'))).toContain('settings.json is not valid JSON.');
    canned.answer({ 'settings.get': settingsResult() });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Whenever Tessera is running')).toBeTruthy();
  });

  it('shows the saved values and the data folder', async () => {
    setup({ 'settings.get': settingsResult({ temperatureLimitC: 78 }) });
    expect(
      ((await screen.findByLabelText('Whenever Tessera is running')) as HTMLInputElement).checked,
    ).toBe(true);
    expect(input(/Pause when the graphics card reaches/).value).toBe('78');
    expect(input('Pause while running on battery').checked).toBe(true);
    expect(screen.getByText('/home/alice/.config/Tessera')).toBeTruthy();
    expect((save() as HTMLButtonElement).disabled).toBe(true);
  });

  it('saves only what changed, and says so', async () => {
    const { canned, user } = setup();
    await user.click(await screen.findByLabelText('Only when I am away from the computer'));
    const idle = input(/Start after this many minutes/);
    await user.clear(idle);
    await user.type(idle, '10');
    await user.click(input('Keep the computer awake while training (on mains power only)'));
    expect(text(screen.getByRole('status'))).toBe('You have unsaved changes.');
    await user.click(save());
    expect(canned.callsTo('settings.update')).toEqual([
      { patch: { runMode: 'idle', idleMinutes: 10, keepAwake: false } },
    ]);
    expect(text(await screen.findByRole('status'))).toBe('Settings saved.');
  });

  it('edits the weekly schedule', async () => {
    const { canned, user } = setup();
    await user.click(await screen.findByLabelText('Only at the times below'));
    expect(screen.getByText(/No times yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add a time' }));
    const slot = screen.getByRole('group', { name: 'Time 1' });
    await user.selectOptions(within(slot).getByLabelText('Day'), 'Saturday');
    const end = within(slot).getByLabelText(/Until/);
    await user.clear(end);
    await user.type(end, '06:00');
    await user.click(screen.getByRole('button', { name: 'Add a time' }));
    await user.click(screen.getByRole('button', { name: 'Remove time 2' }));
    await user.click(save());
    expect(canned.callsTo('settings.update')).toEqual([
      { patch: { runMode: 'schedule', schedule: [{ day: 6, start: '09:00', end: '06:00' }] } },
    ]);
  });

  it('adds and removes programs that pause training', async () => {
    const { canned, user } = setup();
    await user.type(await screen.findByLabelText('Program file name'), 'eldenring.exe{Enter}');
    await user.type(input('Program file name'), 'blender');
    await user.click(screen.getByRole('button', { name: 'Add program' }));
    await user.click(screen.getByRole('button', { name: 'Remove eldenring.exe' }));
    await user.click(save());
    expect(canned.callsTo('settings.update')).toEqual([{ patch: { pausePrograms: ['blender'] } }]);
  });

  it('sets the power target, GPU and provider', async () => {
    const { canned, user } = setup();
    await user.click(await screen.findByLabelText('Limit the average power of the graphics card'));
    expect(input('Average power target (W)').value).toBe('200');
    await user.selectOptions(input('Graphics card to train on'), '0: NVIDIA GeForce RTX 3080');
    await user.selectOptions(input('How to run the model'), 'WebGPU');
    await user.click(save());
    expect(canned.callsTo('settings.update')).toEqual([
      { patch: { powerTargetW: 200, gpuIndex: 0, provider: 'webgpu' } },
    ]);
  });

  it('shows the contract’s refusal and keeps the edits', async () => {
    const { user } = setup({
      'settings.update': failWith(
        'invalid-arguments',
        'settings.update: patch.temperatureHysteresisC: Too big: expected number to be <=30',
      ),
    });
    const hysteresis = await screen.findByLabelText(/Resume once it has cooled by/);
    await user.clear(hysteresis);
    await user.type(hysteresis, '50');
    await user.click(save());
    const alert = await screen.findByRole('alert');
    expect(text(alert)).toContain('patch.temperatureHysteresisC: Too big');
    expect(text(alert)).toContain('Correct the value it names');
    expect((hysteresis as HTMLInputElement).value).toBe('50');
  });

  it('follows changes made elsewhere in fields not being edited', async () => {
    const { canned, user } = setup();
    await user.click(await screen.findByLabelText('Start Tessera when I log in'));
    canned.emit('settings.changed', { settings: settingsSchema.parse({ theme: 'dark' }) });
    expect(((await screen.findByDisplayValue('Dark')) as HTMLSelectElement).value).toBe('dark');
    expect(input('Start Tessera when I log in').checked).toBe(true);
  });

  it('configures an S3 bucket and stores its keys without reading them back', async () => {
    const { canned, user } = setup({ 'storage.setCredentials': { stored: true } });
    await user.click(await screen.findByLabelText(/An S3-compatible bucket/));
    await user.type(input('Endpoint URL'), 'https://acc.r2.cloudflarestorage.com');
    await user.type(input('Bucket name'), 'tessera-miner');
    await user.click(input(/Bucket name in the path/));
    await user.click(save());
    expect(canned.callsTo('settings.update')).toEqual([
      {
        patch: {
          storage: {
            kind: 's3',
            endpoint: 'https://acc.r2.cloudflarestorage.com',
            bucket: 'tessera-miner',
            region: 'auto',
            forcePathStyle: true,
          },
        },
      },
    ]);
    const keys = screen.getByRole('form', { name: 'Bucket access keys' });
    for (const [label, value] of [
      ['Write access key ID', 'AKW'],
      ['Write secret access key', 'SKW'],
      ['Read-only access key ID', 'AKR'],
      ['Read-only secret access key', 'SKR'],
    ] as const) {
      const field = within(keys).getByLabelText(label) as HTMLInputElement;
      expect(field.type).toBe('password');
      await user.type(field, value);
    }
    await user.click(within(keys).getByRole('button', { name: 'Store keys' }));
    expect(text(await within(keys).findByRole('status'))).toBe('Keys stored.');
    expect(canned.callsTo('storage.setCredentials')).toEqual([
      {
        accessKeyId: 'AKW',
        secretAccessKey: 'SKW',
        readAccessKeyId: 'AKR',
        readSecretAccessKey: 'SKR',
      },
    ]);
    expect((within(keys).getByLabelText('Write secret access key') as HTMLInputElement).value).toBe(
      '',
    );
  });

  it('switches to a Bittensor network', async () => {
    const { canned, user } = setup();
    await user.click(await screen.findByLabelText('Bittensor'));
    await user.selectOptions(input('Bittensor network'), 'Testnet');
    const netuid = input('Subnet number (netuid)');
    await user.clear(netuid);
    await user.type(netuid, '268');
    await user.click(save());
    expect(canned.callsTo('settings.update')).toEqual([
      { patch: { network: { kind: 'bittensor', network: 'test', netuid: 268 } } },
    ]);
  });

  it('has no serious accessibility violations', async () => {
    const { user } = setup();
    await user.click(await screen.findByLabelText('Only at the times below'));
    await user.click(screen.getByRole('button', { name: 'Add a time' }));
    await user.click(screen.getByLabelText(/An S3-compatible bucket/));
    await user.click(screen.getByLabelText('Limit the average power of the graphics card'));
    expect(await seriousA11yViolations(document.body)).toEqual([]);
  });
});
