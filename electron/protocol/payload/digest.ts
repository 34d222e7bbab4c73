import { createHash } from 'node:crypto';
import { SIGNING_DOMAIN } from './format';

const domain = new TextEncoder().encode(SIGNING_DOMAIN);

/**
 * What the hotkey signs: the ASCII domain tag `tessera/payload/v1:` followed by the 32-byte
 * SHA-256 of the unsigned file, i.e. the canonical payload file written without its `signature`
 * metadata entry. Hashing the whole file covers the metadata, the tensor table and the data.
 */
export function signingMessage(unsignedFile: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(unsignedFile).digest();
  const message = new Uint8Array(domain.length + digest.length);
  message.set(domain);
  message.set(digest, domain.length);
  return message;
}
