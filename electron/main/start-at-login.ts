import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory, writeFileAtomic } from '../protocol/atomic-file';

/**
 * "Start Tessera when I log in", always hidden in the tray: the login launch carries `--hidden`
 * (Electron 44 removed `openAsHidden`). macOS and Windows register a login item; Linux has no
 * such API, so an XDG autostart entry is written instead.
 */

export const HIDDEN_ARG = '--hidden';

export const startsHidden = (argv: readonly string[]): boolean => argv.includes(HIDDEN_ARG);

export interface LoginItemSettings {
  openAtLogin: boolean;
  path?: string;
  args?: string[];
}

export interface LoginHost {
  platform: NodeJS.Platform;
  /** Electron's app.setLoginItemSettings. */
  setLoginItemSettings(settings: LoginItemSettings): void;
  /** What a login starts: the AppImage file under AppImage, otherwise the app's executable. */
  executable: string;
  /** Squirrel's Update.exe beside the install, when Squirrel installed the app on Windows. */
  squirrelUpdater?: string;
  /** The user's XDG autostart folder (~/.config/autostart). */
  autostartDir: string;
}

export const AUTOSTART_FILE = 'tessera.desktop';

export async function applyStartAtLogin(enabled: boolean, host: LoginHost): Promise<void> {
  if (host.platform === 'linux') {
    const file = join(host.autostartDir, AUTOSTART_FILE);
    if (!enabled) return rm(file, { force: true });
    await makeDirectory(host.autostartDir);
    const entry = new TextEncoder().encode(autostartEntry(host.executable));
    return writeFileAtomic(file, entry, 0o644);
  }
  host.setLoginItemSettings(loginItemSettings(enabled, host));
}

/**
 * Squirrel replaces the executable's folder on every update, so its login item must start the
 * stable Update.exe, which launches the current version with our arguments.
 */
export function loginItemSettings(enabled: boolean, host: LoginHost): LoginItemSettings {
  if (host.platform === 'win32' && host.squirrelUpdater) {
    return {
      openAtLogin: enabled,
      path: host.squirrelUpdater,
      args: [
        '--processStart',
        `"${exeName(host.executable)}"`,
        '--process-start-args',
        `"${HIDDEN_ARG}"`,
      ],
    };
  }
  return { openAtLogin: enabled, args: [HIDDEN_ARG] };
}

/** An XDG autostart entry (Desktop Entry Specification 1.5) that starts Tessera hidden. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tessera',
    'Comment=Contribute your GPU to decentralized LLM training',
    `Exec=${execArgument(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Quoted per the spec's Exec rules (backslash before " ` $ \), then escaped once more because the
 * value is also a string whose backslashes are escapes; % would start a field code.
 */
function execArgument(path: string): string {
  const quoted = `"${path.replace(/[\\"`$]/g, '\\$&')}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

function exeName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
