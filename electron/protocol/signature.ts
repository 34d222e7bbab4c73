/**
 * sr25519 signatures by a hotkey, as Bittensor uses them. Signing goes through `Signer` so the
 * wallet (electron/core/wallet) can keep its secret keys to itself; `devSigner` is a well-known
 * development key for tests, the devnet and benchmarks, never for a real run.
 */
import {
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  keyExtractSuri,
  keyFromPath,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from '@polkadot/util-crypto';

export interface Signer {
  /** The hotkey's address, SS58 with the generic Substrate prefix (42), as Bittensor writes it. */
  readonly ss58Address: string;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** The generic Substrate address prefix; Bittensor hotkeys use it. */
export const SS58_PREFIX = 42;
export const SIGNATURE_BYTES = 64;

/** Substrate's development mnemonic (the one behind //Alice, //Bob, ...). */
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

let ready: Promise<boolean> | undefined;

/** Loads the WebAssembly crypto once; signing and deriving keys wait for it. */
export function signaturesReady(): Promise<boolean> {
  ready ??= cryptoWaitReady();
  return ready;
}

/**
 * True when `signature` is a valid sr25519 signature of `message` by the key behind
 * `ss58Address`. Never throws: a malformed address or signature is simply not valid.
 */
export function verifySignature(
  ss58Address: string,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  try {
    const publicKey = decodeAddress(ss58Address);
    return publicKey.length === 32 && sr25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}

/**
 * True when `address` is a valid SS58 address written exactly as this protocol writes it (prefix
 * 42), so one key has one spelling and an address can be compared as a string.
 */
export function isCanonicalAddress(address: string): boolean {
  let canonical = checkedAddresses.get(address);
  if (canonical === undefined) {
    try {
      const publicKey = decodeAddress(address);
      canonical = publicKey.length === 32 && encodeAddress(publicKey, SS58_PREFIX) === address;
    } catch {
      canonical = false;
    }
    // Peers' hotkeys recur every window, and base58 with its checksum costs ~100 µs in JS.
    if (checkedAddresses.size >= 4096) checkedAddresses.clear();
    checkedAddresses.set(address, canonical);
  }
  return canonical;
}

const checkedAddresses = new Map<string, boolean>();

/**
 * A development signer: `uri` is a derivation path from Substrate's development mnemonic
 * ('//Alice', '//Bob', '//miner/3') or a whole secret URI ('<mnemonic>//path').
 */
export async function devSigner(uri = '//Alice'): Promise<Signer> {
  await signaturesReady();
  const { phrase, path } = keyExtractSuri(uri.startsWith('/') ? `${DEV_PHRASE}${uri}` : uri);
  const pair = keyFromPath(sr25519PairFromSeed(mnemonicToMiniSecret(phrase)), path, 'sr25519');
  return {
    ss58Address: encodeAddress(pair.publicKey, SS58_PREFIX),
    sign: async (message) => sr25519Sign(message, pair),
  };
}
