import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { u8aEq } from '@polkadot/util';
import { createFileAtomic, makeDirectory, writeFileAtomic } from '../../protocol/atomic-file';
import type { Kdf } from './argon2';
import { WalletError } from './errors';
import { type OpenedKeyfile, openKeyfile, sealKeyfile } from './keyfile';
import { allowDigest, matchesDigest, recordDigest } from './keyfile-digests';
import { parseKeyfile } from './keyfile-json';
import { type Keypair, keyfileFieldsOf, keypairFromKeyfile, publicKeyOfKeyfile } from './keypair';
import { walletPaths } from './layout';
import { naclKey, openNacl } from './nacl-box';
import type { PasswordThrottle } from './throttle';
import { readIfPresent, refuseExisting, writeColdkey } from './wallet-files';

const MIN_PASSWORD_LENGTH = 8;

export interface OpenedColdkey {
  opened: OpenedKeyfile;
  pair: Keypair;
  /** The file as it was read, byte for byte. */
  bytes: Uint8Array;
}

/**
 * A wallet's coldkey file: opening it (throttled, damage told apart from a wrong password),
 * writing a new one, and replacing it under a new password without ever leaving a broken one.
 */
export class ColdkeyFiles {
  constructor(
    private readonly root: string,
    private readonly kdf: Kdf,
    private readonly throttle: PasswordThrottle,
    private readonly now: () => number,
  ) {}

  /**
   * Decrypts the coldkey, throttled per file. A failure on a `$NACL` file that matches none of
   * the digests Tessera recorded is reported as damage, not as a wrong password.
   */
  async open(wallet: string, password: string): Promise<OpenedColdkey> {
    const paths = walletPaths(this.root, wallet);
    const label = `the coldkey of wallet '${wallet}'`;
    const bytes = await readIfPresent(paths.coldkey);
    if (bytes === undefined) {
      throw new WalletError('not-found', `Wallet '${wallet}' has no coldkey in ${paths.dir}.`);
    }
    return this.throttle.attempt(paths.coldkey, label, async () => {
      let opened: OpenedKeyfile;
      try {
        opened = await openKeyfile(bytes, label, password, this.kdf);
      } catch (error) {
        const wrong = error instanceof WalletError && error.kind === 'wrong-password';
        if (wrong && (await matchesDigest(paths.dir, 'coldkey', bytes)) === false) {
          throw new WalletError(
            'corrupt-keyfile',
            `The coldkey of wallet '${wallet}' is damaged: it is not the file Tessera last wrote or opened (cut short or altered, or replaced by another program). Restore it from a backup, or import the wallet again from its recovery phrase.`,
          );
        }
        throw error;
      }
      const pair = keypairFromKeyfile(opened.fields, label);
      const pub = await readIfPresent(paths.coldkeypub);
      const pubLabel = `coldkeypub.txt of wallet '${wallet}'`;
      if (pub !== undefined) {
        if (!u8aEq(publicKeyOfKeyfile(parseKeyfile(pub, pubLabel), pubLabel), pair.publicKey)) {
          throw new WalletError('corrupt-keyfile', `The ${label} does not match ${pubLabel}.`);
        }
      }
      if (opened.format === 'nacl') {
        // Best effort: a wallet in a read-only folder still unlocks.
        await recordDigest(paths.dir, 'coldkey', bytes).catch(() => {});
      }
      return { opened, pair, bytes };
    });
  }

  /** Seals, checks the sealed bytes open again, then writes coldkey and coldkeypub.txt. */
  async writeNew(
    wallet: string,
    pair: Keypair,
    passwordOrKey: string | Uint8Array,
    overwrite = false,
  ): Promise<void> {
    const paths = walletPaths(this.root, wallet);
    if (!overwrite) await refuseExisting(paths);
    const key =
      typeof passwordOrKey === 'string' ? await naclKey(passwordOrKey, this.kdf) : passwordOrKey;
    const file = sealKeyfile(keyfileFieldsOf(pair), key);
    if (!opensTo(file, key, pair)) throw new Error('a sealed coldkey did not open again');
    await makeDirectory(paths.dir);
    await allowDigest(paths.dir, 'coldkey', file);
    await writeColdkey(paths, file, pair.publicKey, overwrite);
    await recordDigest(paths.dir, 'coldkey', file);
  }

  /**
   * Re-encrypts an opened coldkey as `$NACL` under a new password (which also moves a legacy file
   * to btcli's current format). The old file is kept as `coldkey.backup-<ms>` until the new one
   * has been read back from disk and decrypted; a crash at any point leaves a coldkey that opens.
   */
  async replace(wallet: string, { pair, bytes }: OpenedColdkey, newPassword: string) {
    const paths = walletPaths(this.root, wallet);
    const key = await naclKey(newPassword, this.kdf);
    const backup = join(paths.dir, `coldkey.backup-${this.now()}`);
    const sealed = sealKeyfile(keyfileFieldsOf(pair), key);
    await createFileAtomic(backup, bytes);
    await allowDigest(paths.dir, 'coldkey', sealed);
    await writeFileAtomic(paths.coldkey, sealed);
    const written = await readFile(paths.coldkey);
    if (!opensTo(written, key, pair)) {
      await writeFileAtomic(paths.coldkey, bytes);
      await recordDigest(paths.dir, 'coldkey', bytes);
      await rm(backup);
      throw new WalletError(
        'corrupt-keyfile',
        `The new coldkey of wallet '${wallet}' did not read back intact, so the old one was restored and its password is unchanged.`,
      );
    }
    await recordDigest(paths.dir, 'coldkey', written);
    await rm(backup);
  }
}

/** Whether `file` decrypts with `key` to the same key pair. */
function opensTo(file: Uint8Array, key: Uint8Array, pair: Keypair): boolean {
  const plaintext = openNacl(file, key);
  if (plaintext === undefined) return false;
  try {
    const label = 'the sealed coldkey';
    return u8aEq(
      keypairFromKeyfile(parseKeyfile(plaintext, label), label).publicKey,
      pair.publicKey,
    );
  } catch {
    return false;
  }
}

/**
 * At least btwallet's minimum (6) and then some; no spaces at the ends, because btcli's prompt
 * trims them and the same file must open there.
 */
export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new WalletError(
      'weak-password',
      `A wallet password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
  }
  if (password !== password.trim()) {
    throw new WalletError(
      'weak-password',
      'A wallet password cannot start or end with a space: btcli would trim it.',
    );
  }
}
