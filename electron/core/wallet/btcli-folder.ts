import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { u8aEq } from '@polkadot/util';
import { makeDirectory } from '../../protocol/atomic-file';
import { WalletError } from './errors';
import { detectKeyfileFormat } from './keyfile';
import { parseKeyfile } from './keyfile-json';
import { keypairFromKeyfile, publicKeyOfKeyfile } from './keypair';
import { isHotkeyFileName, type WalletPaths } from './layout';
import { readIfPresent, refuseExisting, writeKeyfile } from './wallet-files';

interface FileToCopy {
  relative: string;
  bytes: Uint8Array;
}

/**
 * Copies a btcli wallet folder (coldkey, coldkeypub.txt, hotkeys/*) byte for byte, so the coldkey
 * keeps its password and encryption. Every file is read and checked first: a damaged folder is
 * refused before anything is written.
 */
export async function copyBtcliWallet(
  source: string,
  target: WalletPaths,
  overwrite: boolean,
): Promise<{ coldkey: Uint8Array | undefined }> {
  const files = await readBtcliWallet(source);
  if (!overwrite) await refuseExisting(target);
  await makeDirectory(target.hotkeys);
  for (const file of files) {
    await writeKeyfile(join(target.dir, file.relative), file.bytes, overwrite, 'wallet-exists');
  }
  return { coldkey: files.find((file) => file.relative === 'coldkey')?.bytes };
}

async function readBtcliWallet(source: string): Promise<FileToCopy[]> {
  const coldkey = await readIfPresent(join(source, 'coldkey'));
  const coldkeypub = await readIfPresent(join(source, 'coldkeypub.txt'));
  if (coldkey === undefined && coldkeypub === undefined) {
    throw new WalletError(
      'not-found',
      `${source} is not a btcli wallet folder: it has no coldkey or coldkeypub.txt.`,
    );
  }
  const files: FileToCopy[] = [];
  let publicKey: Uint8Array | undefined;
  if (coldkeypub !== undefined) {
    const label = join(source, 'coldkeypub.txt');
    publicKey = publicKeyOfKeyfile(parseKeyfile(coldkeypub, label), label);
    files.push({ relative: 'coldkeypub.txt', bytes: coldkeypub });
  }
  if (coldkey !== undefined) {
    const label = join(source, 'coldkey');
    // Encrypted coldkeys are checked when first unlocked; this only needs to know the format.
    if (detectKeyfileFormat(coldkey) === 'plain') {
      const pair = keypairFromKeyfile(parseKeyfile(coldkey, label), label);
      if (publicKey !== undefined && !u8aEq(publicKey, pair.publicKey)) {
        throw new WalletError(
          'corrupt-keyfile',
          `${source}: coldkey and coldkeypub.txt belong to different keys.`,
        );
      }
    }
    files.push({ relative: 'coldkey', bytes: coldkey });
  }
  for (const name of await hotkeyFileNames(join(source, 'hotkeys'))) {
    const relative = join('hotkeys', name);
    const label = join(source, relative);
    const bytes = (await readIfPresent(label))!;
    const fields = detectKeyfileFormat(bytes) === 'plain' ? parseKeyfile(bytes, label) : undefined;
    if (fields !== undefined) {
      if (isHotkeyFileName(name)) keypairFromKeyfile(fields, label);
      else publicKeyOfKeyfile(fields, label);
    }
    files.push({ relative, bytes });
  }
  return files;
}

/** Hotkeys and their public files; anything else in `hotkeys/` (temporary files) stays behind. */
async function hotkeyFileNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
