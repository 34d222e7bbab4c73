import { describe, expect, it } from 'vitest';
import type { TrayState } from '../../electron/core/app/core-handle';
import { closeAction } from '../../electron/main/close-to-tray';
import { trayMenu, trayTooltip } from '../../electron/main/tray-menu';

const STATES: TrayState[] = ['training', 'paused', 'idle-waiting', 'error', 'stopped'];
const actions = (state: TrayState) =>
  trayMenu(state).flatMap((line) => (line.type === 'normal' ? [line.action] : []));

describe('the tray menu', () => {
  it.each(STATES)('always offers Open and Quit (%s)', (state) => {
    const menu = actions(state);
    expect(menu[0]).toBe('open');
    expect(menu.at(-1)).toBe('quit');
  });

  it.each(['training', 'idle-waiting'] as const)(
    'offers both pauses, and no resume, while the miner could train (%s)',
    (state) => {
      expect(actions(state)).toEqual(['open', 'pause', 'pause-hour', 'quit']);
    },
  );

  it('offers resume while paused', () => {
    expect(actions('paused')).toEqual(['open', 'resume', 'quit']);
  });

  it.each(['error', 'stopped'] as const)('offers no controls that cannot work (%s)', (state) => {
    expect(actions(state)).toEqual(['open', 'quit']);
  });

  it('says what the pause lasts', () => {
    const labels = trayMenu('training').flatMap((l) => (l.type === 'normal' ? [l.label] : []));
    expect(labels).toContain('Pause for 1 hour');
    expect(labels).toContain('Pause until I resume');
  });

  it('names each state differently in the tooltip', () => {
    expect(new Set(STATES.map(trayTooltip)).size).toBe(STATES.length);
  });
});

describe('closing the window', () => {
  it('hides to the tray and tells the user the first time', () => {
    expect(closeAction({ quitting: false, closeToTray: true, trayNoticeShown: false })).toBe(
      'hide-and-tell',
    );
  });

  it('hides silently once the user was told', () => {
    expect(closeAction({ quitting: false, closeToTray: true, trayNoticeShown: true })).toBe('hide');
  });

  it('closes when close-to-tray is off or the app is quitting', () => {
    expect(closeAction({ quitting: false, closeToTray: false, trayNoticeShown: false })).toBe(
      'close',
    );
    expect(closeAction({ quitting: true, closeToTray: true, trayNoticeShown: false })).toBe(
      'close',
    );
  });
});
