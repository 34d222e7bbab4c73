import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  powerMonitor,
  powerSaveBlocker,
  screen,
  session,
} from 'electron';
import electronUpdater from 'electron-updater';
import { version } from '../../package.json';
import type { ContractEvent } from '../contract';
import { createCore } from '../core/app';
import type { CoreHandle } from '../core/app/core-handle';
import { dataDirectory } from '../core/paths';
import { Trainer } from '../engine/worker/spawn-trainer';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../preload/channels';
import { APP_ID } from './app-id';
import { closeAction, TRAY_NOTICE } from './close-to-tray';
import { callHandler } from './ipc-call';
import { appLocation, isTrustedSender } from './ipc-guard';
import { KeepAwake } from './keep-awake';
import { feedMachineSignals } from './machine-signals';
import { createMainWindow, hardenSession, hardenWebContents } from './main-window';
import { type Notice, NotificationPolicy } from './notifications';
import { safeStorageVault } from './password-vault';
import { contentSecurityPolicy } from './security';
import { applyStartAtLogin, startsHidden } from './start-at-login';
import { utilityProcessTransport } from './trainer-transport';
import { TesseraTray } from './tray';
import { startBackgroundUpdates } from './updates';
import { loadWindowState, placeWindow, saveWindowState, type WindowState } from './window-state';

/*
 * The composition root: starts the core and wires Electron to it. Every decision worth testing
 * lives in a module beside this one that does not import 'electron'; this file only connects them.
 */

const DEFAULT_SIZE = { width: 1100, height: 720 };

// The folder of the bundled main.js, beside preload.js and trainer-child.js and above the renderer
// build. Not `new URL('.', import.meta.url)`: Vite would treat that as an asset and inline it.
const buildDir = import.meta.dirname;
const devServerUrl = MAIN_WINDOW_VITE_DEV_SERVER_URL || undefined;
const indexFile = join(buildDir, '..', 'renderer', MAIN_WINDOW_VITE_NAME, 'index.html');
const location = appLocation(devServerUrl, indexFile);
const dataDir = dataDirectory();
const log = { info: console.info, warn: console.warn, error: console.error };

// Chromium's profile beside Tessera's own data; the single-instance lock is taken per profile, so
// a second data directory (TESSERA_HOME) is a second, independent app.
app.setPath('userData', join(dataDir, 'chromium'));
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  void app.whenReady().then(start, (error: unknown) => fail(error));
} else {
  app.quit();
}

/** native-assets: an extra resource when packaged, the project's own folder in development. */
const assetsDir = () =>
  app.isPackaged
    ? join(process.resourcesPath, 'native-assets')
    : join(app.getAppPath(), 'native-assets');

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  hardenSession(session.defaultSession, contentSecurityPolicy(devServerUrl));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location));

  const core = await createCore({
    dataDir,
    host: 'electron',
    version,
    vault: safeStorageVault,
    spawnTrainer: () => new Trainer(utilityProcessTransport(buildDir, assetsDir())),
  }).catch(fail);

  let window: BrowserWindow | undefined;
  let quitting = false;
  const windowState = { saved: await loadWindowState(dataDir) };
  const showWindow = () => {
    if (!window || window.isDestroyed()) {
      window = openWindow(core, windowState, () => quitting, notify);
    } else {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    }
  };
  const notify = (notice: Notice) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification(notice);
    notification.on('click', showWindow);
    notification.show();
  };

  ipcMain.handle(
    CALL_CHANNEL,
    callHandler(
      core,
      (frame) => {
        const mainFrame = window && !window.isDestroyed() ? window.webContents.mainFrame : null;
        return isTrustedSender(frame, mainFrame, location);
      },
      log,
    ),
  );

  const keepAwake = new KeepAwake(powerSaveBlocker, () => core.wantsKeepAwake());
  const tray = new TesseraTray(
    {
      open: showWindow,
      pause: () => void core.call('node.pause', {}).catch(log.error),
      'pause-hour': () => void core.call('node.pause', { minutes: 60 }).catch(log.error),
      resume: () => void core.call('node.resume', {}).catch(log.error),
      quit: () => app.quit(),
    },
    core.trayState(),
  );
  const refresh = () => {
    tray.show(core.trayState());
    keepAwake.sync();
  };

  let startAtLogin: boolean | undefined;
  const applySettings = () => {
    const wanted = core.settings().startAtLogin;
    if (wanted === startAtLogin) return;
    startAtLogin = wanted;
    void applyStartAtLogin(wanted, {
      platform: process.platform,
      setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      executable: process.env.APPIMAGE ?? process.execPath,
      squirrelUpdater: squirrelUpdater(),
      autostartDir: join(app.getPath('appData'), 'autostart'),
    }).catch((error: unknown) => log.warn('Could not change start at login', error));
  };
  applySettings();

  const notices = new NotificationPolicy();
  const unsubscribe = core.subscribe((event: ContractEvent) => {
    if (window && !window.isDestroyed()) {
      window.webContents.send(EVENT_CHANNEL, event.event, event.payload);
    }
    const visible =
      window !== undefined && !window.isDestroyed() && window.isVisible() && !window.isMinimized();
    const notice = notices.noticeFor(event, visible, Date.now());
    if (notice) notify(notice);
    if (event.event === 'node.status') refresh();
    if (event.event === 'settings.changed') {
      applySettings();
      refresh();
    }
  });

  const stopSignals = feedMachineSignals(powerMonitor, (signals) => core.updateSignals(signals), {
    afterUpdate: refresh,
  });
  const stopUpdates = startBackgroundUpdates(electronUpdater.autoUpdater, app.isPackaged, log);

  app.on('second-instance', (_event, argv) => {
    if (!startsHidden(argv)) showWindow();
  });
  app.on('activate', showWindow);
  // The tray keeps the app alive; only with close-to-tray off does closing the window quit.
  app.on('window-all-closed', () => {
    if (!core.settings().closeToTray) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // The core checkpoints and stops the trainer before the process may exit.
    event.preventDefault();
    stopSignals();
    stopUpdates();
    unsubscribe();
    keepAwake.release();
    tray.destroy();
    void core
      .close()
      .catch((error: unknown) => log.error('The core did not close cleanly', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  // A login launch stays in the tray; the page is not even loaded until the user opens it.
  if (!startsHidden(process.argv)) showWindow();
}

/** The main window, opened where it was last, with close-to-tray and its one-time notice. */
function openWindow(
  core: CoreHandle,
  windowState: { saved: WindowState | undefined },
  quitting: () => boolean,
  notify: (notice: Notice) => void,
): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = createMainWindow({
    preload: join(buildDir, 'preload.js'),
    placement: placeWindow(windowState.saved, workAreas, DEFAULT_SIZE),
    load: (w) => (devServerUrl ? w.loadURL(devServerUrl) : w.loadFile(indexFile)),
  });
  window.on('close', (event) => {
    windowState.saved = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    void saveWindowState(dataDir, windowState.saved).catch((error: unknown) =>
      console.warn('Could not save the window state', error),
    );
    const { closeToTray, trayNoticeShown } = core.settings();
    const action = closeAction({ quitting: quitting(), closeToTray, trayNoticeShown });
    if (action === 'close') return;
    event.preventDefault();
    if (window.isFullScreen()) {
      window.once('leave-full-screen', () => window.hide());
      window.setFullScreen(false);
    } else {
      window.hide();
    }
    if (action === 'hide-and-tell') {
      notify(TRAY_NOTICE);
      void core
        .call('settings.update', { patch: { trayNoticeShown: true } })
        .catch((error: unknown) => console.warn('Could not record the tray notice', error));
    }
  });
  return window;
}

/** Squirrel.Windows installs Update.exe one folder above the versioned app folder; NSIS has none. */
function squirrelUpdater(): string | undefined {
  if (process.platform !== 'win32') return undefined;
  const updater = join(process.execPath, '..', '..', 'Update.exe');
  return existsSync(updater) ? updater : undefined;
}

/** Without a window yet, a dialog is the only way the user learns why nothing opened. */
function fail(error: unknown): never {
  console.error('Tessera could not start', error);
  dialog.showErrorBox(
    'Tessera could not start',
    error instanceof Error ? error.message : String(error),
  );
  app.exit(1);
  throw error;
}
