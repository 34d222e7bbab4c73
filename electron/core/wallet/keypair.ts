import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util';
import {
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  keyExtractSuri,
  keyFromPath,
  mnemonicToMiniSecret,
  sr25519Agreement,
  sr25519PairFromSeed,
} from '@polkadot/util-crypto';
import { SS58_PREFIX } from '../../protocol/signature';
import { WalletError } from './errors';
import type { KeyfileFields } from './keyfile-json';
import { normalizeMnemonic } from './mnemonic';
import { canonicalToEd25519Form, ed25519FormToCanonical } from './secret-key-form';

/** sp-core's development phrase, which `//Alice`-style URIs derive from. */
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

/** Ristretto255's base point: multiplying a secret by it gives that secret's public key. */
const RISTRETTO_BASE = hexToU8a(
  '0xe2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
);

/** An sr25519 key pair. `secretKey` is in ed25519 form, as @polkadot/util-crypto signs with it. */
export interface Keypair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  /** Present when the key came from a recovery phrase (btcli keeps it in the keyfile). */
  secretPhrase?: string;
  /** The 32-byte mini-secret, when the key came from a phrase or a seed. */
  secretSeed?: Uint8Array;
}

/** Loads the WASM that @polkadot/util-crypto uses for the BIP39 step; await before any key work. */
export async function cryptoReady(): Promise<void> {
  await cryptoWaitReady();
}

/** Phrase -> entropy -> PBKDF2 mini-secret -> sr25519, as sp-core `Pair::from_phrase`. */
export function keypairFromMnemonic(phrase: string): Keypair {
  const secretPhrase = normalizeMnemonic(phrase);
  const secretSeed = mnemonicToMiniSecret(secretPhrase);
  return { ...sr25519PairFromSeed(secretSeed), secretPhrase, secretSeed };
}

/** A 32-byte mini-secret, as `btcli --seed 0x…`. */
export function keypairFromSeed(seed: string): Keypair {
  const text = seed.trim();
  const hex = text.startsWith('0x') ? text : `0x${text}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) {
    throw new WalletError(
      'invalid-seed',
      'A seed is 32 bytes written as 64 hexadecimal digits, optionally after 0x.',
    );
  }
  const secretSeed = hexToU8a(hex);
  return { ...sr25519PairFromSeed(secretSeed), secretSeed };
}

/**
 * A secret URI, `<phrase or 0x seed>//hard/soft///password`, as sp-core `Pair::from_string`; with
 * no phrase (`//Alice`) the development phrase. Derived keys keep no phrase or seed, as in btcli.
 */
export function keypairFromUri(uri: string): Keypair {
  const full = uri.startsWith('/') ? `${DEV_PHRASE}${uri}` : uri;
  let parts: ReturnType<typeof keyExtractSuri>;
  try {
    parts = keyExtractSuri(full);
  } catch {
    throw new WalletError('invalid-uri', `'${uri}' is not a secret URI such as //Alice.`);
  }
  const plain = parts.path.length === 0 && !parts.password;
  if (parts.phrase.startsWith('0x')) {
    const base = keypairFromSeed(parts.phrase);
    return plain ? base : keyFromPath(base, parts.path, 'sr25519');
  }
  const phrase = normalizeMnemonic(parts.phrase);
  if (plain) return keypairFromMnemonic(phrase);
  const base = sr25519PairFromSeed(mnemonicToMiniSecret(phrase, parts.password ?? ''));
  return keyFromPath(base, parts.path, 'sr25519');
}

/**
 * The key a keyfile holds, taken as btwallet does (phrase, else seed, else privateKey), with every
 * other field it carries checked against it: a damaged file is reported, never silently used.
 */
export function keypairFromKeyfile(fields: KeyfileFields, label: string): Keypair {
  const damaged = (what: string) =>
    new WalletError('corrupt-keyfile', `${label} is damaged: ${what}.`);
  if (!hasSecret(fields)) {
    throw new WalletError('no-secret', `${label} holds only a public key, no secret.`);
  }
  let pair: Keypair;
  try {
    if (fields.secretPhrase !== undefined) pair = keypairFromMnemonic(fields.secretPhrase);
    else if (fields.secretSeed !== undefined) pair = keypairFromSeed(fields.secretSeed);
    else pair = keypairFromPrivateKey(fields.privateKey!);
  } catch (error) {
    throw damaged(`its secret does not decode (${(error as Error).message})`);
  }
  if (fields.secretSeed !== undefined && pair.secretSeed !== undefined) {
    if (fields.secretSeed.toLowerCase() !== u8aToHex(pair.secretSeed)) {
      throw damaged('its secretSeed does not belong to its secretPhrase');
    }
  }
  if (fields.privateKey !== undefined) {
    if (fields.privateKey.toLowerCase() !== u8aToHex(ed25519FormToCanonical(pair.secretKey))) {
      throw damaged('its privateKey does not belong to its recovery phrase or seed');
    }
  }
  const stated = statedPublicKey(fields, label);
  if (stated !== undefined && !u8aEq(stated, pair.publicKey)) {
    throw damaged('its public key does not belong to its secret');
  }
  return pair;
}

/** The public key of any keyfile: the one it states, else the one its secret gives. */
export function publicKeyOfKeyfile(fields: KeyfileFields, label: string): Uint8Array {
  const stated = statedPublicKey(fields, label);
  if (stated !== undefined) return stated;
  return keypairFromKeyfile(fields, label).publicKey;
}

export function hasSecret(fields: KeyfileFields): boolean {
  return (
    fields.secretPhrase !== undefined ||
    fields.secretSeed !== undefined ||
    fields.privateKey !== undefined
  );
}

/** The key stated by publicKey, accountId and ss58Address, which must agree where present. */
function statedPublicKey(fields: KeyfileFields, label: string): Uint8Array | undefined {
  const stated: Uint8Array[] = [];
  try {
    for (const hex of [fields.publicKey, fields.accountId]) {
      if (hex === undefined) continue;
      if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new Error('not 32 bytes of hex');
      stated.push(hexToU8a(hex));
    }
    if (fields.ss58Address !== undefined) stated.push(decodeAddress(fields.ss58Address));
  } catch {
    throw new WalletError('corrupt-keyfile', `${label} is damaged: a public key field is invalid.`);
  }
  const [first] = stated;
  if (first !== undefined && !stated.every((key) => u8aEq(key, first))) {
    throw new WalletError(
      'corrupt-keyfile',
      `${label} is damaged: its publicKey, accountId and ss58Address disagree.`,
    );
  }
  return first;
}

/** Every field btcli writes for a secret keyfile; `privateKey` in btwallet's canonical form. */
export function keyfileFieldsOf(pair: Keypair): KeyfileFields {
  return {
    ...publicKeyfileFields(pair.publicKey),
    privateKey: u8aToHex(ed25519FormToCanonical(pair.secretKey)),
    ...(pair.secretPhrase === undefined ? {} : { secretPhrase: pair.secretPhrase }),
    ...(pair.secretSeed === undefined ? {} : { secretSeed: u8aToHex(pair.secretSeed) }),
  };
}

/** What `coldkeypub.txt` and `<hotkey>pub.txt` hold. */
export function publicKeyfileFields(publicKey: Uint8Array): KeyfileFields {
  const hex = u8aToHex(publicKey);
  return { accountId: hex, publicKey: hex, ss58Address: ss58Address(publicKey) };
}

export function ss58Address(publicKey: Uint8Array): string {
  return encodeAddress(publicKey, SS58_PREFIX);
}

function keypairFromPrivateKey(privateKey: string): Keypair {
  if (!/^0x[0-9a-fA-F]{128}$/.test(privateKey))
    throw new Error('privateKey is not 64 bytes of hex');
  const secretKey = canonicalToEd25519Form(hexToU8a(privateKey));
  return { publicKey: sr25519Agreement(secretKey, RISTRETTO_BASE), secretKey };
}
