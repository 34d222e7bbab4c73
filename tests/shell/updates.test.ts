import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundUpdates, type UpdaterLike } from '../../electron/main/updates';

function fakeUpdater(check: () => Promise<unknown>) {
  const listeners = new Map<string, (arg: never) => void>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    on: vi.fn((event: string, listener: (arg: never) => void) => {
      listeners.set(event, listener);
    }),
    checkForUpdates: vi.fn(check),
    quitAndInstall: vi.fn(),
  };
  return { updater: updater as UpdaterLike & typeof updater, listeners };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('startBackgroundUpdates', () => {
  const log = { info: vi.fn(), warn: vi.fn() };
  beforeEach(() => {
    log.info.mockClear();
    log.warn.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does nothing in an unpackaged build', () => {
    const { updater } = fakeUpdater(async () => null);
    startBackgroundUpdates(updater, false, log)();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith(expect.stringContaining('not a packaged build'));
  });

  it('downloads in the background and installs on quit, never restarting the app itself', async () => {
    const { updater, listeners } = fakeUpdater(async () => null);
    const stop = startBackgroundUpdates(updater, true, log);
    await flush();

    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    listeners.get('update-downloaded')!({ version: '0.2.0' } as never);
    expect(log.info).toHaveBeenCalledWith(expect.stringContaining('0.2.0'));
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    stop();
  });

  it('checks again every interval until stopped', async () => {
    vi.useFakeTimers();
    const { updater } = fakeUpdater(async () => null);
    const stop = startBackgroundUpdates(updater, true, log, 1_000);

    await vi.advanceTimersByTimeAsync(3_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(4);
    stop();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(4);
  });

  it('logs a failed check, whether it rejects or throws, and throws nothing', async () => {
    const rejecting = fakeUpdater(() =>
      Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')),
    );
    startBackgroundUpdates(rejecting.updater, true, log)();
    const throwing = fakeUpdater(() => {
      throw new Error('app-update.yml is missing');
    });
    startBackgroundUpdates(throwing.updater, true, log)();
    await flush();

    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('ERR_INTERNET_DISCONNECTED'));
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('app-update.yml'));
    rejecting.listeners.get('error')!(new Error('signature mismatch') as never);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('signature mismatch'));
  });
});
