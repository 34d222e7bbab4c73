import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { u8aEq } from '@polkadot/util';
import type { ImportWalletArgs, WalletStatusEvent, WalletSummary } from '../../contract/wallet';
import { dataDirectory } from '../paths';
import { argon2iKdf, type Kdf } from './argon2';
import { copyBtcliWallet } from './btcli-folder';
import { ColdkeyFiles, checkNewPassword } from './coldkey';
import { WalletError } from './errors';
import { InactivityTimer } from './inactivity-timer';
import { openKeyfile, sealKeyfile } from './keyfile';
import { recordDigest } from './keyfile-digests';
import { parseKeyfile } from './keyfile-json';
import {
  cryptoReady,
  keyfileFieldsOf,
  keypairFromKeyfile,
  keypairFromMnemonic,
  keypairFromSeed,
  keypairFromUri,
  publicKeyOfKeyfile,
  ss58Address,
} from './keypair';
import { hotkeyPaths, walletPaths } from './layout';
import { generateMnemonic, type MnemonicWordCount } from './mnemonic';
import { naclKey } from './nacl-box';
import { type PasswordVault, RememberedPasswords, secureVault } from './password-vault';
import { KeypairSigner, verifyMessage } from './signer';
import { DEFAULT_THROTTLE, PasswordThrottle, type ThrottlePolicy } from './throttle';
import {
  listWalletNames,
  readIfPresent,
  readWalletFolder,
  writeHotkey,
  writeKeyfile,
} from './wallet-files';

/** As polkadot-js and Talisman: an unlocked coldkey locks itself after 15 idle minutes. */
export const DEFAULT_AUTO_LOCK_MS = 15 * 60_000;

export interface KeystoreOptions {
  /** The folder holding wallets in btcli's layout (`defaultWalletRoot()` or btcli's own). */
  root: string;
  /** Argon2i at btcli's cost unless a test passes a cheaper one. */
  kdf?: Kdf;
  autoLockMs?: number;
  /** The host's OS keychain, for "remember password on this device". */
  passwordVault?: PasswordVault;
  /** Where remembered (vault-encrypted) passwords live; default `<data directory>/remembered`. */
  rememberDirectory?: string;
  throttle?: ThrottlePolicy;
  now?: () => number;
}

export type SignedBy = { role: 'coldkey' } | { role: 'hotkey'; name: string };

/**
 * The wallet service: creates, imports and lists btcli-compatible wallets, and holds unlocked
 * coldkeys as signer handles. Secrets stay in here; what it returns is public, except the
 * recovery phrase `create` returns once.
 */
export class Keystore {
  readonly root: string;
  autoLockMs: number;
  private readonly kdf: Kdf;
  private readonly throttle: PasswordThrottle;
  private readonly coldkeys: ColdkeyFiles;
  private readonly remembered: RememberedPasswords;
  private readonly unlocked = new Map<string, { signer: KeypairSigner; timer: InactivityTimer }>();
  private readonly listeners = new Set<(event: WalletStatusEvent) => void>();

  /** Keys need @polkadot/util-crypto's WASM loaded, so a keystore is made only through here. */
  static async open(options: KeystoreOptions): Promise<Keystore> {
    await cryptoReady();
    return new Keystore(options);
  }

  private constructor(private readonly options: KeystoreOptions) {
    this.root = options.root;
    this.kdf = options.kdf ?? argon2iKdf();
    this.autoLockMs = options.autoLockMs ?? DEFAULT_AUTO_LOCK_MS;
    this.throttle = new PasswordThrottle(options.throttle ?? DEFAULT_THROTTLE, options.now);
    this.coldkeys = new ColdkeyFiles(this.root, this.kdf, this.throttle, options.now ?? Date.now);
    this.remembered = new RememberedPasswords(
      options.rememberDirectory ?? join(dataDirectory(), 'remembered'),
      options.passwordVault,
    );
  }

  async list(): Promise<WalletSummary[]> {
    const names = await listWalletNames(this.root);
    return Promise.all(names.map((name) => this.summary(name)));
  }

  async summary(name: string): Promise<WalletSummary> {
    const folder = await readWalletFolder(this.root, name);
    return {
      ...folder,
      unlocked: this.unlocked.has(name),
      unlockRemembered: await this.remembered.has(walletPaths(this.root, name).coldkey),
    };
  }

  /** A new coldkey (encrypted) and hotkey (not, as btcli makes it); the phrase is returned once. */
  async create(args: {
    name: string;
    password: string;
    words?: MnemonicWordCount;
    hotkeyName?: string;
  }): Promise<{ wallet: WalletSummary; mnemonic: string }> {
    checkNewPassword(args.password);
    const mnemonic = generateMnemonic(args.words ?? 12);
    await this.coldkeys.writeNew(args.name, keypairFromMnemonic(mnemonic), args.password);
    await this.createHotkey({ wallet: args.name, hotkeyName: args.hotkeyName ?? 'default' });
    return { wallet: await this.summary(args.name), mnemonic };
  }

  async import(args: ImportWalletArgs): Promise<WalletSummary> {
    const overwrite = args.overwrite ?? false;
    if (args.source === 'btcliFolder') {
      const name = args.name ?? basename(args.path);
      const paths = walletPaths(this.root, name);
      const { coldkey } = await copyBtcliWallet(args.path, paths, overwrite);
      if (coldkey !== undefined) await recordDigest(paths.dir, 'coldkey', coldkey);
      return this.summary(name);
    }
    if (args.source === 'keyfile') return this.importKeyfile(args);
    checkNewPassword(args.password);
    const pair =
      args.source === 'mnemonic'
        ? keypairFromMnemonic(args.mnemonic)
        : args.source === 'seed'
          ? keypairFromSeed(args.seed)
          : keypairFromUri(args.uri);
    await this.coldkeys.writeNew(args.name, pair, args.password, overwrite);
    return this.summary(args.name);
  }

  /** A hotkey needs no coldkey password: btcli keeps hotkeys unencrypted (file mode 0600). */
  async createHotkey(args: {
    wallet: string;
    hotkeyName: string;
    overwrite?: boolean;
  }): Promise<WalletSummary> {
    const pair = keypairFromMnemonic(generateMnemonic(12));
    await writeHotkey(this.root, args.wallet, args.hotkeyName, pair, args.overwrite ?? false);
    return this.summary(args.wallet);
  }

  /**
   * Decrypts the coldkey into a signer handle that locks itself after `autoLockMs` without use.
   * With no password, the one this device remembers is used.
   */
  async unlock(args: {
    wallet: string;
    password?: string;
    remember?: boolean;
  }): Promise<KeypairSigner> {
    const { coldkey } = walletPaths(this.root, args.wallet);
    // Refuse an insecure keychain before the slow part, not after it.
    if (args.remember) secureVault(this.options.passwordVault);
    const password = args.password ?? (await this.remembered.recall(coldkey));
    if (password === undefined) {
      throw new WalletError(
        'password-required',
        `Enter the password of wallet '${args.wallet}'; this device does not remember it.`,
      );
    }
    const { pair } = await this.coldkeys.open(args.wallet, password);
    if (args.remember) await this.remembered.remember(coldkey, password);
    const held = this.unlocked.get(args.wallet);
    if (held !== undefined) {
      // Unlocked already: whoever holds that handle keeps a working one.
      held.timer.touch();
      return held.signer;
    }
    const timer = new InactivityTimer(this.autoLockMs, () =>
      this.lockOne(args.wallet, 'auto-locked'),
    );
    const signer = new KeypairSigner(pair, `The coldkey of wallet '${args.wallet}'`, () =>
      timer.touch(),
    );
    this.unlocked.set(args.wallet, { signer, timer });
    this.emit({ wallet: args.wallet, unlocked: true, reason: 'unlocked' });
    return signer;
  }

  /** Locks one wallet, or every unlocked one; returns the names it locked. */
  lock(wallet?: string): string[] {
    const names = wallet === undefined ? [...this.unlocked.keys()] : [wallet];
    return names.filter((name) => this.lockOne(name, 'locked'));
  }

  async forgetPassword(wallet: string): Promise<WalletSummary> {
    await this.remembered.forget(walletPaths(this.root, wallet).coldkey);
    return this.summary(wallet);
  }

  /**
   * Re-encrypts the coldkey under a new password, keeping the old file until the new one reads
   * back (see `ColdkeyFiles.replace`); a remembered password is replaced too.
   */
  async changePassword(args: {
    wallet: string;
    oldPassword: string;
    newPassword: string;
  }): Promise<WalletSummary> {
    checkNewPassword(args.newPassword);
    const opened = await this.coldkeys.open(args.wallet, args.oldPassword);
    await this.coldkeys.replace(args.wallet, opened, args.newPassword);
    const { coldkey } = walletPaths(this.root, args.wallet);
    if (await this.remembered.has(coldkey))
      await this.remembered.remember(coldkey, args.newPassword);
    return this.summary(args.wallet);
  }

  /** Writes the coldkey, `$NACL`-encrypted under its password, to `destination` (mode 0600). */
  async exportKeyfile(args: {
    wallet: string;
    password: string;
    destination: string;
    overwrite?: boolean;
  }): Promise<{ path: string; ss58Address: string }> {
    const { opened, pair, bytes } = await this.coldkeys.open(args.wallet, args.password);
    const file =
      opened.format === 'nacl'
        ? bytes
        : sealKeyfile(keyfileFieldsOf(pair), await naclKey(args.password, this.kdf));
    await writeKeyfile(args.destination, file, args.overwrite ?? false, 'key-exists');
    return { path: args.destination, ss58Address: ss58Address(pair.publicKey) };
  }

  /** Deletes the wallet's folder once the coldkey's password has been entered again. */
  async delete(args: { wallet: string; password: string }): Promise<void> {
    const paths = walletPaths(this.root, args.wallet);
    await readWalletFolder(this.root, args.wallet);
    if ((await readIfPresent(paths.coldkey)) !== undefined) {
      await this.coldkeys.open(args.wallet, args.password);
    }
    this.lockOne(args.wallet, 'locked');
    await this.remembered.forget(paths.coldkey);
    await rm(paths.dir, { recursive: true });
  }

  /** The unlocked coldkey's signer, held until the wallet locks (paying for registration). */
  coldkeySigner(wallet: string): KeypairSigner {
    const held = this.unlocked.get(wallet)?.signer;
    if (!held)
      throw new WalletError(
        'locked',
        `Unlock wallet '${wallet}' first: its coldkey pays for this.`,
      );
    return held;
  }

  /** The hotkey's signer: no coldkey password, as a miner signs its payloads unattended. */
  async hotkeySigner(wallet: string, hotkey: string, password?: string): Promise<KeypairSigner> {
    const paths = hotkeyPaths(this.root, wallet, hotkey);
    const label = `hotkey '${hotkey}' of wallet '${wallet}'`;
    const bytes = await readIfPresent(paths.key);
    if (bytes === undefined) throw new WalletError('not-found', `There is no ${label}.`);
    const { fields } = await openKeyfile(bytes, label, password, this.kdf);
    const pair = keypairFromKeyfile(fields, label);
    const pub = await readIfPresent(paths.pub);
    if (pub !== undefined) {
      const pubLabel = `${hotkey}pub.txt of wallet '${wallet}'`;
      if (!u8aEq(publicKeyOfKeyfile(parseKeyfile(pub, pubLabel), pubLabel), pair.publicKey)) {
        throw new WalletError('corrupt-keyfile', `The ${label} does not match ${pubLabel}.`);
      }
    }
    return new KeypairSigner(pair, `The ${label}`);
  }

  /**
   * Signs with a hotkey, or with the coldkey when it is unlocked; a coldkey password given here
   * unlocks it for this one signature only (and opens a hotkey that was made encrypted).
   */
  async signMessage(args: {
    wallet: string;
    signedBy: SignedBy;
    message: Uint8Array;
    password?: string;
  }): Promise<{ ss58Address: string; signature: Uint8Array }> {
    const held = this.unlocked.get(args.wallet)?.signer;
    let signer: KeypairSigner;
    if (args.signedBy.role === 'hotkey') {
      signer = await this.hotkeySigner(args.wallet, args.signedBy.name, args.password);
    } else if (held !== undefined) {
      signer = held;
    } else if (args.password !== undefined) {
      const { pair } = await this.coldkeys.open(args.wallet, args.password);
      signer = new KeypairSigner(pair, `The coldkey of wallet '${args.wallet}'`);
    } else {
      throw new WalletError('locked', `The coldkey of wallet '${args.wallet}' is locked.`);
    }
    try {
      return { ss58Address: signer.ss58Address, signature: await signer.sign(args.message) };
    } finally {
      if (signer !== held) signer.lock();
    }
  }

  verifyMessage(ss58Address: string, message: Uint8Array, signature: Uint8Array): boolean {
    return verifyMessage(ss58Address, message, signature);
  }

  onStatus(listener: (event: WalletStatusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async importKeyfile(
    args: Extract<ImportWalletArgs, { source: 'keyfile' }>,
  ): Promise<WalletSummary> {
    const bytes = await readIfPresent(args.path);
    if (bytes === undefined) throw new WalletError('not-found', `There is no file ${args.path}.`);
    const samePassword = args.keyfilePassword === undefined;
    if (!samePassword) checkNewPassword(args.password);
    const opened = await this.throttle.attempt(args.path, args.path, () =>
      openKeyfile(bytes, args.path, args.keyfilePassword ?? args.password, this.kdf),
    );
    const pair = keypairFromKeyfile(opened.fields, args.path);
    // Same password, `$NACL` source: the key it gave seals the copy without a second derivation.
    const key = samePassword && opened.naclKey ? opened.naclKey : undefined;
    await this.coldkeys.writeNew(args.name, pair, key ?? args.password, args.overwrite);
    return this.summary(args.name);
  }

  private lockOne(wallet: string, reason: 'locked' | 'auto-locked'): boolean {
    const held = this.unlocked.get(wallet);
    if (held === undefined) return false;
    held.timer.stop();
    held.signer.lock();
    this.unlocked.delete(wallet);
    this.emit({ wallet, unlocked: false, reason });
    return true;
  }

  private emit(event: WalletStatusEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
