import type { KeyfileFormat } from '../../contract/wallet';
import { openAnsibleVault } from './ansible-vault';
import type { Kdf } from './argon2';
import { WalletError } from './errors';
import { openFernet } from './fernet';
import { type KeyfileFields, parseKeyfile, serializeKeyfile } from './keyfile-json';
import { NACL_OVERHEAD, naclKey, openNacl, sealNacl } from './nacl-box';

export type { KeyfileFormat };

const PREFIXES: readonly [string, KeyfileFormat][] = [
  ['$NACL', 'nacl'],
  ['$ANSIBLE_VAULT', 'ansible-vault'],
  ['gAAAAA', 'fernet'],
];

export function detectKeyfileFormat(file: Uint8Array): KeyfileFormat {
  const head = Buffer.from(file.subarray(0, 16)).toString('latin1');
  return PREFIXES.find(([prefix]) => head.startsWith(prefix))?.[1] ?? 'plain';
}

export interface OpenedKeyfile {
  format: KeyfileFormat;
  fields: KeyfileFields;
  /** For `$NACL` files: the box key the password gave, to seal again without a second derivation. */
  naclKey?: Uint8Array;
}

/**
 * Decrypts (when encrypted) and parses a keyfile. A password that fails and has spaces around it
 * is tried once more trimmed: btcli's prompts trim what people type.
 */
export async function openKeyfile(
  file: Uint8Array,
  label: string,
  password: string | undefined,
  kdf: Kdf,
): Promise<OpenedKeyfile> {
  const format = detectKeyfileFormat(file);
  if (format === 'plain') return { format, fields: parseKeyfile(file, label) };
  if (password === undefined || password === '') {
    throw new WalletError('password-required', `${label} is encrypted; its password is needed.`);
  }
  if (format === 'nacl' && file.length <= NACL_OVERHEAD + 1) {
    throw new WalletError(
      'corrupt-keyfile',
      `${label} is damaged: at ${file.length} bytes it is too short to hold a key.`,
    );
  }
  for (const candidate of new Set([password, password.trim()])) {
    const opened = await decrypt(format, file, label, candidate, kdf);
    if (opened !== undefined) return { format, ...opened };
  }
  throw new WalletError('wrong-password', `Wrong password for ${label}.`);
}

/** The `$NACL` file btcli writes for these fields, sealed with a key from `naclKey`. */
export function sealKeyfile(fields: KeyfileFields, key: Uint8Array): Uint8Array {
  return sealNacl(serializeKeyfile(fields), key);
}

async function decrypt(
  format: Exclude<KeyfileFormat, 'plain'>,
  file: Uint8Array,
  label: string,
  password: string,
  kdf: Kdf,
): Promise<{ fields: KeyfileFields; naclKey?: Uint8Array } | undefined> {
  if (format === 'nacl') {
    const key = await naclKey(password, kdf);
    const plaintext = openNacl(file, key);
    return plaintext && { fields: parseKeyfile(plaintext, label), naclKey: key };
  }
  const plaintext =
    format === 'fernet'
      ? await openFernet(file, password, label)
      : await openAnsibleVault(file, password, label);
  if (plaintext === undefined) return undefined;
  try {
    return { fields: parseKeyfile(plaintext, label) };
  } catch (error) {
    // Old bittensor YAML-loaded vault contents; anything but JSON there is beyond this reader.
    if (format === 'ansible-vault' && (error as WalletError).kind === 'unknown-format') {
      throw new WalletError(
        'legacy-format',
        `${label} is an Ansible Vault keyfile whose contents Tessera cannot read; re-encrypt it with btcli and import it again.`,
      );
    }
    throw error;
  }
}
