/**
 * Background updates through electron-updater: check now and every few hours, download quietly,
 * install when the user next quits. Never `quitAndInstall`: a restart would cut a training
 * window short and forfeit its reward. A failed check is logged and retried at the next one.
 */

/** The parts of electron-updater's autoUpdater this module uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
}

export interface UpdateLog {
  info(message: string): void;
  warn(message: string): void;
}

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Starts checking; returns the function that stops it. Unpackaged (`npm start`) there is nothing to update. */
export function startBackgroundUpdates(
  updater: UpdaterLike,
  isPackaged: boolean,
  log: UpdateLog,
  intervalMs = UPDATE_CHECK_INTERVAL_MS,
): () => void {
  if (!isPackaged) {
    log.info('Updates are off: this is not a packaged build.');
    return () => {};
  }
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => log.warn(`Update check failed: ${error.message}`));
  updater.on('update-downloaded', (info) =>
    log.info(`Tessera ${info.version} is downloaded and installs when the app quits.`),
  );
  const check = () => {
    Promise.resolve()
      .then(() => updater.checkForUpdates())
      .catch((error: unknown) => {
        log.warn(`Update check failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  check();
  const timer = setInterval(check, intervalMs);
  return () => clearInterval(timer);
}
