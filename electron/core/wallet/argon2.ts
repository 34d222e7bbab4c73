import { Worker } from 'node:worker_threads';

/** A password-to-key function for `$NACL` files; the keystore takes one so tests can cheapen it. */
export type Kdf = (password: Uint8Array, salt: Uint8Array) => Promise<Uint8Array>;

export interface Argon2iCost {
  iterations: number;
  memoryKiB: number;
}

/**
 * libsodium's `crypto_pwhash` "sensitive" limits, which btwallet uses for every `$NACL` file:
 * OPSLIMIT_SENSITIVE = 8 passes over MEMLIMIT_SENSITIVE = 512 MiB, parallelism 1, Argon2i v1.3.
 * A file written at any other cost does not open in btcli.
 */
export const BTCLI_ARGON2I: Argon2iCost = { iterations: 8, memoryKiB: 512 * 1024 };

const WORKER = new URL('./argon2-worker.mjs', import.meta.url);

/** Argon2i with a 32-byte output, each derivation in its own worker thread. */
export function argon2iKdf(cost: Argon2iCost = BTCLI_ARGON2I): Kdf {
  return (password, salt) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, { workerData: { password, salt, ...cost } });
      worker.once('message', (key: Uint8Array) => resolve(new Uint8Array(key)));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`the Argon2i worker stopped with exit code ${code}`));
      });
    });
}
