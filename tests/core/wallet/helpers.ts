import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { argon2iKdf } from '../../../electron/core/wallet/argon2';
import { Keystore, type KeystoreOptions } from '../../../electron/core/wallet/keystore';
import type { PasswordVault } from '../../../electron/core/wallet/password-vault';

/** Argon2i at a trivial cost: the real code path (worker and all) without seconds per call. */
export const cheapKdf = argon2iKdf({ iterations: 1, memoryKiB: 64 });

export const PASSWORD = 'correct horse battery';

export async function temporaryFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'tessera-wallet-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export function cheapKeystore(home: string, options: Partial<KeystoreOptions> = {}) {
  return Keystore.open({
    root: join(home, 'wallets'),
    rememberDirectory: join(home, 'remembered'),
    kdf: cheapKdf,
    ...options,
  });
}

/** Every file and folder under `dir`: its permission bits, and for files a SHA-256 of the bytes. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  async function walk(path: string): Promise<void> {
    const info = await stat(path);
    const mode = (info.mode & 0o777).toString(8);
    const name = relative(dir, path) || '.';
    if (info.isDirectory()) {
      tree[name] = `dir ${mode}`;
      for (const entry of await readdir(path)) await walk(join(path, entry));
    } else {
      tree[name] = `${mode} ${createHash('sha256')
        .update(await readFile(path))
        .digest('hex')}`;
    }
  }
  await walk(dir);
  return tree;
}

/**
 * A test double of Electron's `safeStorage` as the desktop host adapts it: Electron cannot run
 * here. "Encryption" is a reversible marker, enough to see what the keystore stores and reads.
 */
export class SafeStorageDouble implements PasswordVault {
  constructor(
    private readonly backendName: string,
    private readonly available = true,
  ) {}
  backend() {
    return this.backendName;
  }
  isEncryptionAvailable() {
    return this.available;
  }
  encrypt(plain: string) {
    return Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`);
  }
  decrypt(encrypted: Buffer) {
    return Buffer.from(encrypted.toString().slice('sealed:'.length), 'base64').toString();
  }
}
