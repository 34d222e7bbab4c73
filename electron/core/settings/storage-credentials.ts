/**
 * The S3 bucket's credentials: the write pair stays in the core, sealed with the OS keychain
 * (the same vault that remembers wallet passwords) and is never read back through the contract;
 * the read pair is what the chain commitment publishes for peers.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../protocol/atomic-file';
import { type PasswordVault, secureVault } from '../wallet/password-vault';

const credentialsSchema = z.strictObject({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  readAccessKeyId: z.string(),
  readSecretAccessKey: z.string(),
});

export type StorageCredentials = z.infer<typeof credentialsSchema>;

export class StorageCredentialStore {
  constructor(
    private readonly path: string,
    private readonly vault: PasswordVault | undefined,
  ) {}

  async save(credentials: StorageCredentials): Promise<void> {
    const sealed = secureVault(this.vault).encrypt(
      JSON.stringify(credentialsSchema.parse(credentials)),
    );
    await writeFileAtomic(this.path, sealed);
  }

  /** The stored credentials, or undefined when none are stored. */
  async load(): Promise<StorageCredentials | undefined> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return credentialsSchema.parse(JSON.parse(secureVault(this.vault).decrypt(sealed)));
  }
}
