import type { TrayState } from '../core/app/core-handle';

/**
 * What the tray says and offers in each state. Open and Quit are always there, because a click
 * on the icon itself does nothing on some Linux desktops; pausing is offered while the miner
 * could train, resuming while it is held, and both pauses are explicit about how long they last.
 */

export type TrayAction = 'open' | 'pause' | 'pause-hour' | 'resume' | 'quit';

/** One menu line, in the shape Electron's Menu.buildFromTemplate takes (without its click). */
export type TrayMenuLine =
  | { readonly type: 'normal'; readonly label: string; readonly action: TrayAction }
  | { readonly type: 'separator' };

const SEPARATOR = { type: 'separator' } as const;

const TOOLTIPS: Record<TrayState, string> = {
  training: 'Tessera: training',
  paused: 'Tessera: paused',
  'idle-waiting': 'Tessera: waiting for the computer to be idle',
  error: 'Tessera: needs your attention',
  stopped: 'Tessera: not started',
};

export const trayTooltip = (state: TrayState): string => TOOLTIPS[state];

export function trayMenu(state: TrayState): TrayMenuLine[] {
  const line = (label: string, action: TrayAction): TrayMenuLine => ({
    type: 'normal',
    label,
    action,
  });
  const controls: TrayMenuLine[] =
    state === 'training' || state === 'idle-waiting'
      ? [line('Pause until I resume', 'pause'), line('Pause for 1 hour', 'pause-hour')]
      : state === 'paused'
        ? [line('Resume', 'resume')]
        : [];
  return [
    line('Open Tessera', 'open'),
    ...(controls.length > 0 ? [SEPARATOR, ...controls] : []),
    SEPARATOR,
    line('Quit Tessera', 'quit'),
  ];
}
