import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory, writeFileAtomic } from '../../protocol/atomic-file';
import { WalletError } from './errors';

/**
 * The OS keychain as the host offers it. In the desktop app this is Electron's `safeStorage`
 * (core never imports 'electron'); the headless CLI has none.
 */
export interface PasswordVault {
  /** The backend in use. On Linux, Electron's 'basic_text' means no keyring: plain text on disk. */
  backend(): string;
  isEncryptionAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/** The vault, if it really encrypts; otherwise why the password cannot be remembered here. */
export function secureVault(vault: PasswordVault | undefined): PasswordVault {
  if (vault === undefined) {
    throw new WalletError(
      'insecure-storage',
      'Tessera cannot remember passwords here: this program has no access to a system keychain.',
    );
  }
  if (!vault.isEncryptionAvailable()) {
    throw new WalletError(
      'insecure-storage',
      'Tessera cannot remember the password: the system keychain is not available.',
    );
  }
  if (vault.backend() === 'basic_text') {
    throw new WalletError(
      'insecure-storage',
      'Tessera will not remember the password: no keyring (such as GNOME Keyring or KWallet) is running, so it would be stored as plain text.',
    );
  }
  return vault;
}

/** "Remember password on this device": each password encrypted by the vault, one file per wallet. */
export class RememberedPasswords {
  constructor(
    private readonly directory: string,
    private readonly vault: PasswordVault | undefined,
  ) {}

  async remember(coldkeyPath: string, password: string): Promise<void> {
    const sealed = secureVault(this.vault).encrypt(password);
    await makeDirectory(this.directory);
    await writeFileAtomic(this.fileOf(coldkeyPath), sealed);
  }

  /** The remembered password, or undefined when there is none. */
  async recall(coldkeyPath: string): Promise<string | undefined> {
    const sealed = await this.read(coldkeyPath);
    return sealed && secureVault(this.vault).decrypt(sealed);
  }

  async has(coldkeyPath: string): Promise<boolean> {
    return (await this.read(coldkeyPath)) !== undefined;
  }

  async forget(coldkeyPath: string): Promise<void> {
    await rm(this.fileOf(coldkeyPath), { force: true });
  }

  private async read(coldkeyPath: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.fileOf(coldkeyPath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Named by a hash of the coldkey's path, so wallets in different roots never collide. */
  private fileOf(coldkeyPath: string): string {
    return join(this.directory, `${createHash('sha256').update(coldkeyPath).digest('hex')}.bin`);
  }
}
