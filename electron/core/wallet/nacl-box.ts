import { randomBytes } from 'node:crypto';
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import type { Kdf } from './argon2';

/**
 * btwallet's `$NACL` keyfile: "$NACL" ‖ nonce (24) ‖ Poly1305 tag (16) ‖ XSalsa20 ciphertext,
 * i.e. libsodium `crypto_secretbox_easy` behind a 5-byte marker (reference/bittensor.md §3.2).
 */
export const NACL_PREFIX = new TextEncoder().encode('$NACL');
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
export const NACL_OVERHEAD = NACL_PREFIX.length + NONCE_BYTES + TAG_BYTES;

/**
 * btwallet's fixed salt (`NACL_SALT` in src/keyfile.rs). Every wallet shares it, so equal
 * passwords give equal keys; kept as it is, or btcli could not open our files.
 */
export const NACL_SALT = Uint8Array.from(Buffer.from('137183dff15a09bc9c90b5518739e9b1', 'hex'));

/** The box key for `password`: its UTF-8 bytes, not normalised, as btwallet passes them. */
export function naclKey(password: string, kdf: Kdf): Promise<Uint8Array> {
  return kdf(new TextEncoder().encode(password), NACL_SALT);
}

export function sealNacl(
  plaintext: Uint8Array,
  key: Uint8Array,
  nonce: Uint8Array = randomBytes(NONCE_BYTES),
): Uint8Array {
  const box = xsalsa20poly1305(key, nonce).encrypt(plaintext);
  const file = new Uint8Array(NACL_PREFIX.length + NONCE_BYTES + box.length);
  file.set(NACL_PREFIX);
  file.set(nonce, NACL_PREFIX.length);
  file.set(box, NACL_PREFIX.length + NONCE_BYTES);
  return file;
}

/** The plaintext, or undefined when the tag does not verify (wrong key or altered bytes). */
export function openNacl(file: Uint8Array, key: Uint8Array): Uint8Array | undefined {
  const nonce = file.subarray(NACL_PREFIX.length, NACL_PREFIX.length + NONCE_BYTES);
  try {
    return xsalsa20poly1305(key, nonce).decrypt(file.subarray(NACL_PREFIX.length + NONCE_BYTES));
  } catch {
    return undefined;
  }
}
