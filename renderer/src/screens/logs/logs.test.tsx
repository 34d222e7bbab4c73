// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../../electron/contract/diagnostics';
import { seriousA11yViolations } from '../../test/axe';
import { type CannedResponses, failWith, pending } from '../../test/canned-api';
import { doctorReport, settingsResult } from '../../test/fixtures';
import { cannedStores } from '../../test/render';
import { LogsScreen } from '.';

const AT = Date.UTC(2026, 10, 28, 9, 30, 0);
const line = (level: LogLine['level'], message: string, offset = 0): LogLine => ({
  at: AT + offset,
  level,
  source: 'miner',
  message,
});
const LINES = [
  line('debug', 'gathered 12 peers', 1),
  line('info', 'window 41 trained', 2),
  line('warn', 'upload took 40 s', 3),
  line('error', 'peer 7 sent a bad payload', 4),
];

function setup(responses: CannedResponses = {}) {
  const { canned, stores } = cannedStores({
    'logs.recent': { lines: LINES },
    'doctor.report': doctorReport(),
    'settings.get': settingsResult(),
    'diagnostics.text': { text: 'Tessera 0.1.0 on linux x64\n…' },
    ...responses,
  });
  stores.settings.getState().load();
  render(<LogsScreen logs={stores.logs} settings={stores.settings} />);
  return { canned, stores, user: userEvent.setup() };
}

const text = (el: Element) => el.textContent ?? '';
const region = (name: string) => screen.findByRole('region', { name });
const messages = async () =>
  within(await screen.findByRole('list', { name: /Recent activity/ }))
    .getAllByRole('listitem')
    .map((li) => text(li).replace(/^\S+ /, ''));

describe('logs screen: lines', () => {
  it('shows progress while the lines load', async () => {
    setup({ 'logs.recent': () => pending() });
    expect(
      text(await within(await region('Recent activity (newest first)')).findByRole('status')),
    ).toContain('Loading log lines');
  });

  it('shows why the lines could not be read, and reads them again', async () => {
    const { canned, user } = setup({ 'logs.recent': failWith('fs', 'The log file is locked.') });
    const panel = await region('Recent activity (newest first)');
    expect(text(await within(panel).findByRole('alert'))).toContain('The log file is locked.');
    canned.answer({ 'logs.recent': { lines: LINES } });
    await user.click(within(panel).getByRole('button', { name: 'Try again' }));
    expect(await messages()).toHaveLength(3);
  });

  it('says when nothing was logged', async () => {
    setup({ 'logs.recent': { lines: [] } });
    expect(await screen.findByText('Nothing logged yet.')).toBeTruthy();
  });

  it('shows lines newest first from Info up, each level in words', async () => {
    setup();
    expect(await messages()).toEqual([
      'Error [miner] peer 7 sent a bad payload',
      'Warning [miner] upload took 40 s',
      'Info [miner] window 41 trained',
    ]);
    expect(screen.getByText('Showing 3 of 4 lines')).toBeTruthy();
  });

  it('filters by level', async () => {
    const { user } = setup();
    await messages();
    await user.selectOptions(screen.getByLabelText('Show from level'), 'Debug');
    expect(await messages()).toHaveLength(4);
    await user.selectOptions(screen.getByLabelText('Show from level'), 'Error');
    expect(await messages()).toEqual(['Error [miner] peer 7 sent a bad payload']);
  });

  it('adds live lines as they are logged', async () => {
    const { canned } = setup();
    await messages();
    canned.emit('log.line', line('info', 'window 42 trained', 10));
    await screen.findByText(/window 42 trained/);
    expect((await messages())[0]).toBe('Info [miner] window 42 trained');
  });
});

describe('logs screen: hardware check', () => {
  it('shows progress while the check runs', async () => {
    setup({ 'doctor.report': () => pending() });
    const panel = await region('Hardware check');
    expect(text(within(panel).getByRole('status'))).toContain('Checking your graphics card');
  });

  it('shows the system, the cards and the provider in use', async () => {
    setup();
    const panel = await region('Hardware check');
    expect(await within(panel).findByText('Ubuntu 24.04 6.8.0 (x64)')).toBeTruthy();
    expect(within(panel).getByText('20.0 GiB free of 32.0 GiB')).toBeTruthy();
    expect(within(panel).getByText('NVIDIA GeForce RTX 3080, 10.0 GiB memory')).toBeTruthy();
    expect(within(panel).getByText('5,400 GFLOP/s')).toBeTruthy();
  });

  it('shows why the check failed and runs it again', async () => {
    const { canned, user } = setup({ 'doctor.report': failWith('internal', 'The probe crashed.') });
    const panel = await region('Hardware check');
    expect(text(await within(panel).findByRole('alert'))).toContain('The probe crashed.');
    canned.answer({ 'doctor.report': doctorReport() });
    await user.click(within(panel).getByRole('button', { name: 'Try again' }));
    expect(await within(panel).findByText('5,400 GFLOP/s')).toBeTruthy();
  });
});

describe('logs screen: diagnostics', () => {
  it('copies the diagnostics and says so', async () => {
    const { user } = setup();
    const panel = await region('Report a problem');
    await user.click(within(panel).getByRole('button', { name: 'Copy diagnostics' }));
    expect(text(await within(panel).findByRole('status'))).toContain('Diagnostics copied.');
    expect(await navigator.clipboard.readText()).toBe('Tessera 0.1.0 on linux x64\n…');
  });

  it('shows the text to copy by hand when the clipboard refuses', async () => {
    const { user } = setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const panel = await region('Report a problem');
    await user.click(within(panel).getByRole('button', { name: 'Copy diagnostics' }));
    expect(text(await within(panel).findByRole('status'))).toContain('clipboard refused');
    expect((within(panel).getByLabelText('Diagnostics') as HTMLTextAreaElement).value).toContain(
      'Tessera 0.1.0',
    );
  });

  it('shows why the diagnostics could not be made', async () => {
    const { user } = setup({ 'diagnostics.text': failWith('internal', 'The log is unreadable.') });
    const panel = await region('Report a problem');
    await user.click(within(panel).getByRole('button', { name: 'Copy diagnostics' }));
    expect(text(await within(panel).findByRole('alert'))).toContain('The log is unreadable.');
  });
});

it('logs screen has no serious accessibility violations', async () => {
  setup();
  await messages();
  await screen.findByText('5,400 GFLOP/s');
  expect(await seriousA11yViolations(document.body)).toEqual([]);
});
