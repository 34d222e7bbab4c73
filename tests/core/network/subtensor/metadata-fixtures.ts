import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { ExtDef } from '@polkadot/types/extrinsic/signedExtensions/types';
import { compactStripLength, hexToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { SUBTENSOR_SIGNED_EXTENSIONS } from '../../../../electron/core/network/subtensor/signed-extensions';
import { FIXTURES } from './recorded-chain-server';

/** Finney-era runtime 343, V15: the recorded answer to `Metadata_metadata_at_version(15)`. */
export function metadataSpec343(): Uint8Array {
  const answer = hexToU8a(
    gunzipSync(readFileSync(join(FIXTURES, 'metadata-v15-spec343.hex.gz')))
      .toString('utf8')
      .trim(),
  );
  // Option<OpaqueMetadata>: 0x01 (Some), then the compact-prefixed bytes
  return compactStripLength(answer.subarray(1))[1];
}

/** Devnet runtime 381, V16 (subtensor's contract-tests/.papi/metadata/devnet.scale). */
export function metadataSpec381(): Uint8Array {
  return new Uint8Array(
    gunzipSync(readFileSync(join(FIXTURES, 'metadata-v16-spec381-devnet.scale.gz'))),
  );
}

/**
 * Runtime 381's metadata with its fee extension renamed `ChargeTransactionPaymentWrapper`, as
 * subtensor's runtime names it since (runtime/src/lib.rs `CustomTxExtension`; same type, a
 * struct around `ChargeTransactionPayment`). Only the identifier's bytes change.
 */
export function metadataWithWrapper(): Uint8Array {
  const bytes = metadataSpec381();
  const from = u8aConcat([24 << 2], stringToU8a('ChargeTransactionPayment'));
  const to = u8aConcat([31 << 2], stringToU8a('ChargeTransactionPaymentWrapper'));
  const at = lastIndexOf(bytes, from);
  if (at < 0) throw new Error('fixture: extension identifier not found');
  return u8aConcat(bytes.subarray(0, at), to, bytes.subarray(at + from.length));
}

export function registryFor(bytes: Uint8Array, extensions: ExtDef = SUBTENSOR_SIGNED_EXTENSIONS) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, bytes);
  registry.setMetadata(metadata, undefined, extensions, true);
  return { registry, metadata };
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = haystack.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
