import { createDecipheriv, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { WalletError } from './errors';

/**
 * The oldest bittensor coldkeys (`gAAAAA…`): a Fernet token whose key is PBKDF2-HMAC-SHA256 of the
 * password with this fixed salt and 10 million iterations (old `bittensor/keyfile.py`). Read-only:
 * current btwallet cannot open these at all (reference/bittensor.md §3.4).
 */
const SALT = 'Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins';
const ITERATIONS = 10_000_000;
const VERSION = 0x80;
const HEADER = 1 + 8 + 16; // version, timestamp, IV
const HMAC_BYTES = 32;

const pbkdf2Async = promisify(pbkdf2);

/** The plaintext, or undefined when the HMAC does not verify (wrong password or altered bytes). */
export async function openFernet(
  file: Uint8Array,
  password: string,
  label: string,
): Promise<Uint8Array | undefined> {
  const token = Buffer.from(Buffer.from(file).toString('ascii').trim(), 'base64url');
  const body = token.length - HEADER - HMAC_BYTES;
  if (token[0] !== VERSION || body < 16 || body % 16 !== 0) {
    throw new WalletError(
      'corrupt-keyfile',
      `${label} is damaged: it is not a whole Fernet token.`,
    );
  }
  // node:crypto runs PBKDF2 on its thread pool, so the seconds it takes block nothing.
  const key = await pbkdf2Async(password, SALT, ITERATIONS, 32, 'sha256');
  const signed = token.subarray(0, token.length - HMAC_BYTES);
  const mac = createHmac('sha256', key.subarray(0, 16)).update(signed).digest();
  if (!timingSafeEqual(mac, token.subarray(token.length - HMAC_BYTES))) return undefined;
  const decipher = createDecipheriv('aes-128-cbc', key.subarray(16), token.subarray(9, HEADER));
  return Buffer.concat([decipher.update(token.subarray(HEADER, -HMAC_BYTES)), decipher.final()]);
}
