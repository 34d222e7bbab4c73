import { homedir } from 'node:os';
import { join } from 'node:path';
import { dataDirectory } from '../paths';
import { WalletError } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * btcli's layout, which Tessera keeps so the same folder works with both:
 * `<root>/<wallet>/coldkey`, `coldkeypub.txt`, `hotkeys/<hotkey>` and `hotkeys/<hotkey>pub.txt`.
 */
export interface WalletPaths {
  dir: string;
  coldkey: string;
  coldkeypub: string;
  hotkeys: string;
}

export function walletPaths(root: string, wallet: string): WalletPaths {
  checkName('wallet', wallet);
  const dir = join(root, wallet);
  return {
    dir,
    coldkey: join(dir, 'coldkey'),
    coldkeypub: join(dir, 'coldkeypub.txt'),
    hotkeys: join(dir, 'hotkeys'),
  };
}

export function hotkeyPaths(root: string, wallet: string, hotkey: string) {
  checkName('hotkey', hotkey);
  const { hotkeys } = walletPaths(root, wallet);
  // btwallet appends "pub.txt" with no separator: hotkeys/defaultpub.txt.
  return { key: join(hotkeys, hotkey), pub: join(hotkeys, `${hotkey}pub.txt`) };
}

/** btcli lists as hotkeys the files in `hotkeys/` that do not end in `pub.txt`. */
export function isHotkeyFileName(name: string): boolean {
  return !name.endsWith('pub.txt') && !name.startsWith('.');
}

/** Where Tessera keeps its own wallets. */
export function defaultWalletRoot(env: Env = process.env): string {
  return join(dataDirectory(env), 'wallets');
}

/** Where btcli keeps wallets: `BT_WALLET_PATH` (with `~` expanded, as btwallet does) or its default. */
export function btcliWalletRoot(env: Env = process.env, home: string = homedir()): string {
  const configured = env.BT_WALLET_PATH;
  if (!configured) return join(home, '.bittensor', 'wallets');
  return configured === '~' || configured.startsWith('~/')
    ? join(home, configured.slice(1))
    : configured;
}

// Names become folder and file names on every platform, and btcli must read them back.
const FORBIDDEN = /[/\\<>:"|?*\p{Cc}]/u;

function checkName(what: 'wallet' | 'hotkey', name: string): void {
  const problem = nameProblem(what, name);
  if (problem) throw new WalletError('invalid-name', `The ${what} name '${name}' ${problem}.`);
}

function nameProblem(what: 'wallet' | 'hotkey', name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 100) return 'is longer than 100 characters';
  if (name.startsWith('.')) return 'starts with a dot';
  if (name !== name.trim()) return 'starts or ends with a space';
  if (FORBIDDEN.test(name)) {
    return 'contains a character that cannot be in a file name (/ \\ < > : " | ? * or a control character)';
  }
  if (what === 'hotkey' && name.endsWith('pub.txt')) {
    return "ends in 'pub.txt', which btcli keeps for public key files";
  }
  return undefined;
}
