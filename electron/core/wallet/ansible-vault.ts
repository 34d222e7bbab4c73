import { createDecipheriv, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { WalletError } from './errors';

/**
 * Very old bittensor coldkeys in Ansible Vault 1.1/1.2 AES256 format: hex lines encoding
 * hex(salt) \n hex(HMAC) \n hex(ciphertext); PBKDF2-HMAC-SHA256 (10 000 iterations, 80 bytes)
 * gives the AES-256-CTR key, the HMAC-SHA256 key and the counter IV. Read-only.
 */
const HEADER = /^\$ANSIBLE_VAULT;1\.[12];AES256(;[^\n]*)?$/;
const ITERATIONS = 10_000;

const pbkdf2Async = promisify(pbkdf2);

/** The plaintext, or undefined when the HMAC does not verify (wrong password or altered bytes). */
export async function openAnsibleVault(
  file: Uint8Array,
  password: string,
  label: string,
): Promise<Uint8Array | undefined> {
  const damaged = () =>
    new WalletError('corrupt-keyfile', `${label} is damaged: it is not a whole Ansible Vault.`);
  const [header, ...lines] = Buffer.from(file).toString('ascii').trim().split(/\r?\n/);
  const hex = lines.join('');
  if (!HEADER.test(header ?? '') || !/^([0-9a-f]{2})+$/i.test(hex)) throw damaged();
  const parts = Buffer.from(hex, 'hex').toString('ascii').split('\n');
  const [salt, hmac, ciphertext] = parts.map((part) => Buffer.from(part, 'hex'));
  if (parts.length !== 3 || !salt?.length || hmac?.length !== 32 || !ciphertext?.length) {
    throw damaged();
  }
  const material = await pbkdf2Async(password, salt, ITERATIONS, 80, 'sha256');
  const mac = createHmac('sha256', material.subarray(32, 64)).update(ciphertext).digest();
  if (!timingSafeEqual(mac, hmac)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', material.subarray(0, 32), material.subarray(64));
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > 16 || pad > padded.length) throw damaged();
  return padded.subarray(0, padded.length - pad);
}
