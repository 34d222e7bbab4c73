import { Menu, nativeImage, Tray } from 'electron';
import type { TrayState } from '../core/app/core-handle';
import { trayIconPng } from './mosaic-icon';
import { type TrayAction, trayMenu, trayTooltip } from './tray-menu';

/**
 * The tray icon and its menu, redrawn only when the state changes. Linux needs the menu set
 * again after any change to it, so each state gets a freshly built menu.
 */
export class TesseraTray {
  private readonly tray: Tray;
  private state: TrayState | undefined;

  constructor(
    private readonly actions: Record<TrayAction, () => void>,
    initial: TrayState,
  ) {
    this.tray = new Tray(trayImage(initial));
    this.tray.on('click', actions.open);
    this.show(initial);
  }

  show(state: TrayState): void {
    if (state === this.state) return;
    this.state = state;
    this.tray.setImage(trayImage(state));
    this.tray.setToolTip(trayTooltip(state));
    this.tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenu(state).map((line) =>
          line.type === 'separator'
            ? line
            : { label: line.label, click: this.actions[line.action] },
        ),
      ),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }
}

/** 16 px with a 32 px variant for high-DPI screens, the sizes Electron's tray docs ask for. */
function trayImage(state: TrayState): Electron.NativeImage {
  const image = nativeImage.createEmpty();
  image.addRepresentation({ scaleFactor: 1, buffer: trayIconPng(state, 16) });
  image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(state, 32) });
  return image;
}
