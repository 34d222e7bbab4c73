import { WalletError } from './errors';

/**
 * The plaintext of every btcli keyfile: one JSON object of strings (reference/bittensor.md §2).
 * `privateKey` is in canonical form; `secretSeed` is the 32-byte mini-secret.
 */
export interface KeyfileFields {
  accountId?: string;
  publicKey?: string;
  privateKey?: string;
  secretPhrase?: string;
  secretSeed?: string;
  ss58Address?: string;
}

const FIELDS = [
  'accountId',
  'publicKey',
  'privateKey',
  'secretPhrase',
  'secretSeed',
  'ss58Address',
] as const;

const LEGACY_HEX_PUBLIC_KEY = /^0x[0-9a-fA-F]{64}$/;

/** Compact JSON with the fields in btwallet's order, absent ones left out, as btwallet writes. */
export function serializeKeyfile(fields: KeyfileFields): Uint8Array {
  const ordered: KeyfileFields = {};
  for (const name of FIELDS) if (fields[name] !== undefined) ordered[name] = fields[name];
  return new TextEncoder().encode(JSON.stringify(ordered));
}

/**
 * Reads what both writers produced: the Rust one (absent fields left out) and the old Python one
 * (every field, `null` when absent), plus the very old public file holding only `0x<hex>`.
 */
export function parseKeyfile(plaintext: Uint8Array, label: string): KeyfileFields {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext).trim();
  } catch {
    throw unknownFormat(label);
  }
  if (LEGACY_HEX_PUBLIC_KEY.test(text)) return { publicKey: text.toLowerCase() };
  if (!text.startsWith('{')) throw unknownFormat(label);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WalletError(
      'corrupt-keyfile',
      `${label} is damaged: its JSON is cut off or invalid.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WalletError('corrupt-keyfile', `${label} is damaged: it is not a JSON object.`);
  }
  const fields: KeyfileFields = {};
  for (const name of FIELDS) {
    const value = (parsed as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw new WalletError('corrupt-keyfile', `${label} is damaged: '${name}' is not a string.`);
    }
    fields[name] = value;
  }
  if (Object.keys(fields).length === 0) {
    throw new WalletError(
      'corrupt-keyfile',
      `${label} holds no key: none of ${FIELDS.join(', ')}.`,
    );
  }
  return fields;
}

function unknownFormat(label: string): WalletError {
  return new WalletError(
    'unknown-format',
    `${label} is not a keyfile Tessera can read: it is neither $NACL, Ansible Vault or Fernet encrypted nor keyfile JSON.`,
  );
}
