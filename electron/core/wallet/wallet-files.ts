import { readdir, readFile, stat } from 'node:fs/promises';
import { u8aToHex } from '@polkadot/util';
import type { HotkeySummary, WalletSummary } from '../../contract/wallet';
import { createFileAtomic, makeDirectory, writeFileAtomic } from '../../protocol/atomic-file';
import { WalletError } from './errors';
import { detectKeyfileFormat } from './keyfile';
import { parseKeyfile, serializeKeyfile } from './keyfile-json';
import {
  type Keypair,
  keyfileFieldsOf,
  publicKeyfileFields,
  publicKeyOfKeyfile,
  ss58Address,
} from './keypair';
import { hotkeyPaths, isHotkeyFileName, type WalletPaths, walletPaths } from './layout';

/** What a wallet folder says about itself without any password; damage is listed, not thrown. */
export type WalletFolderSummary = Omit<WalletSummary, 'unlocked' | 'unlockRemembered'>;

/** btcli's rule: every sub-folder of the root is a wallet. */
export async function listWalletNames(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function readWalletFolder(root: string, name: string): Promise<WalletFolderSummary> {
  const paths = walletPaths(root, name);
  if (!(await isDirectory(paths.dir))) {
    throw new WalletError('not-found', `There is no wallet '${name}' in ${root}.`);
  }
  const coldkey = await readIfPresent(paths.coldkey);
  const coldkeypub = await readIfPresent(paths.coldkeypub);
  const hotkeyNames = await listHotkeyNames(paths);
  const problems: string[] = [];
  if (coldkey === undefined && coldkeypub === undefined) {
    problems.push(`Wallet '${name}' has neither a coldkey nor a coldkeypub.txt.`);
  }
  const publicKey =
    coldkeypub && publicKeyOf(coldkeypub, `coldkeypub.txt of wallet '${name}'`, problems);
  const hotkeys: HotkeySummary[] = [];
  for (const hotkey of hotkeyNames ?? []) {
    hotkeys.push(await readHotkeySummary(root, name, hotkey, problems));
  }
  return {
    name,
    path: paths.dir,
    coldkeyAddress: publicKey ? ss58Address(publicKey) : null,
    coldkeyAccountId: publicKey ? u8aToHex(publicKey) : null,
    coldkeyFormat: coldkey ? detectKeyfileFormat(coldkey) : null,
    hotkeys,
    problems,
  };
}

/**
 * Writes a wallet's coldkey file and its coldkeypub.txt. Without `overwrite`, an existing key is
 * never replaced, even by a writer racing this one.
 */
export async function writeColdkey(
  paths: WalletPaths,
  coldkeyFile: Uint8Array,
  publicKey: Uint8Array,
  overwrite: boolean,
): Promise<void> {
  if (!overwrite) await refuseExisting(paths);
  await makeDirectory(paths.hotkeys);
  await writeKeyfile(paths.coldkey, coldkeyFile, overwrite, 'wallet-exists');
  await writeKeyfile(paths.coldkeypub, publicFileOf(publicKey), overwrite, 'wallet-exists');
}

/** A hotkey as btcli writes it: unencrypted JSON (file mode 0600) and its public file. */
export async function writeHotkey(
  root: string,
  wallet: string,
  hotkey: string,
  pair: Keypair,
  overwrite: boolean,
): Promise<void> {
  const paths = hotkeyPaths(root, wallet, hotkey);
  await makeDirectory(walletPaths(root, wallet).hotkeys);
  await writeKeyfile(paths.key, serializeKeyfile(keyfileFieldsOf(pair)), overwrite, 'key-exists');
  await writeKeyfile(paths.pub, publicFileOf(pair.publicKey), overwrite, 'key-exists');
}

/** Refuses to create a wallet where one already is. */
export async function refuseExisting(paths: WalletPaths): Promise<void> {
  for (const file of [paths.coldkey, paths.coldkeypub]) {
    if ((await readIfPresent(file)) !== undefined) {
      throw new WalletError(
        'wallet-exists',
        `A wallet already exists in ${paths.dir}; choose another name.`,
      );
    }
  }
}

export async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

export async function writeKeyfile(
  path: string,
  bytes: Uint8Array,
  overwrite: boolean,
  existsKind: 'wallet-exists' | 'key-exists',
): Promise<void> {
  try {
    await (overwrite ? writeFileAtomic(path, bytes) : createFileAtomic(path, bytes));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new WalletError(existsKind, `${path} already exists; it was left as it is.`);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function listHotkeyNames(paths: WalletPaths): Promise<string[] | undefined> {
  try {
    const entries = await readdir(paths.hotkeys, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && isHotkeyFileName(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

async function readHotkeySummary(
  root: string,
  wallet: string,
  hotkey: string,
  problems: string[],
): Promise<HotkeySummary> {
  const paths = hotkeyPaths(root, wallet, hotkey);
  const key = (await readIfPresent(paths.key))!;
  const pub = await readIfPresent(paths.pub);
  const encrypted = detectKeyfileFormat(key) !== 'plain';
  const label = `hotkey '${hotkey}' of wallet '${wallet}'`;
  // The public file first, as btcli does; an unencrypted hotkey also states its own public key.
  const publicKey =
    pub !== undefined
      ? publicKeyOf(pub, `${hotkey}pub.txt of wallet '${wallet}'`, problems)
      : encrypted
        ? undefined
        : publicKeyOf(key, label, problems);
  return {
    name: hotkey,
    ss58Address: publicKey ? ss58Address(publicKey) : null,
    accountId: publicKey ? u8aToHex(publicKey) : null,
    encrypted,
  };
}

function publicKeyOf(file: Uint8Array, label: string, problems: string[]) {
  try {
    return publicKeyOfKeyfile(parseKeyfile(file, label), label);
  } catch (error) {
    if (!(error instanceof WalletError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

function publicFileOf(publicKey: Uint8Array): Uint8Array {
  return serializeKeyfile(publicKeyfileFields(publicKey));
}
