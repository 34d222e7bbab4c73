import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOSTART_FILE,
  applyStartAtLogin,
  autostartEntry,
  type LoginHost,
  startsHidden,
} from '../../electron/main/start-at-login';

describe('start at login', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-autostart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const host = (platform: NodeJS.Platform, extra: Partial<LoginHost> = {}): LoginHost => ({
    platform,
    setLoginItemSettings: vi.fn(),
    executable: '/Applications/Tessera.app/Contents/MacOS/Tessera',
    autostartDir: join(dir, 'autostart'),
    ...extra,
  });

  it('registers a login item that starts hidden on macOS and Windows', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const h = host(platform);
      await applyStartAtLogin(true, h);
      expect(h.setLoginItemSettings).toHaveBeenCalledWith({
        openAtLogin: true,
        args: ['--hidden'],
      });
    }
  });

  it("goes through Squirrel's Update.exe, which survives updates, when Squirrel installed the app", async () => {
    const h = host('win32', {
      executable: 'C:\\Users\\a\\AppData\\Local\\Tessera\\app-0.1.0\\tessera.exe',
      squirrelUpdater: 'C:\\Users\\a\\AppData\\Local\\Tessera\\Update.exe',
    });
    await applyStartAtLogin(true, h);
    expect(h.setLoginItemSettings).toHaveBeenCalledWith({
      openAtLogin: true,
      path: 'C:\\Users\\a\\AppData\\Local\\Tessera\\Update.exe',
      args: ['--processStart', '"tessera.exe"', '--process-start-args', '"--hidden"'],
    });
  });

  it('removes the login item when turned off', async () => {
    const h = host('darwin');
    await applyStartAtLogin(false, h);
    expect(h.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: false, args: ['--hidden'] });
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const h = host('linux', { executable: '/opt/Tessera/tessera' });
    const file = join(dir, 'autostart', AUTOSTART_FILE);

    await applyStartAtLogin(true, h);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Tessera/tessera" --hidden\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(h.setLoginItemSettings).not.toHaveBeenCalled();

    await applyStartAtLogin(false, h);
    expect(existsSync(file)).toBe(false);
    await expect(applyStartAtLogin(false, h)).resolves.toBeUndefined();
  });

  it('quotes an executable path with spaces, quotes, dollars and percent signs', () => {
    const entry = autostartEntry('/home/a b/"Tessera"/$HOME/50%.AppImage');
    expect(entry).toContain('Exec="/home/a b/\\\\"Tessera\\\\"/\\\\$HOME/50%%.AppImage" --hidden');
  });

  it('knows a login launch by its --hidden argument', () => {
    expect(startsHidden(['/opt/Tessera/tessera', '--hidden'])).toBe(true);
    expect(startsHidden(['/opt/Tessera/tessera'])).toBe(false);
  });
});
