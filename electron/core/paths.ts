import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where Tessera keeps its wallet, settings, checkpoints and caches. `TESSERA_HOME` overrides it
 * (tests, portable installs, a second miner on one machine); otherwise each platform's usual
 * place for per-user application data. The desktop shell and the headless CLI share it.
 */
export function dataDirectory(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.TESSERA_HOME) return env.TESSERA_HOME;
  switch (platform) {
    case 'win32':
      return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), 'Tessera');
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', 'Tessera');
    default:
      return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), 'tessera');
  }
}
